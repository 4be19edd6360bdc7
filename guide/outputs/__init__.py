"""The publish stage: rendered PDF bytes → files in the output folder and ``manifest.json``,
written atomically; and the up-to-date decision made before anything heavy loads."""

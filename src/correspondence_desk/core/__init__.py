"""The library behind the app and the command line. Nothing below here imports Qt."""

"""The `voiceagent` command line: argument parsing, the console call and diagram rendering."""

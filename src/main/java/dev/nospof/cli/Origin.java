package dev.nospof.cli;

/** Where an object was read: its file and the line it starts at. */
record Origin(String file, int line) {
}

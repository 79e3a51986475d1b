package dev.nospof.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** An object read from a manifest, with the file and line it starts at. */
record SourcedObject(HasMetadata object, String file, int line) {

    Origin origin() {
        return new Origin(file, line);
    }
}

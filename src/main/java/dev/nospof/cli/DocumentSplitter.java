package dev.nospof.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits YAML into documents at {@code ---} lines as it reads, so that neither a file's text nor
 * more than one document is held at a time (memory does not grow with the input) and a broken
 * document does not hide the next. Lines are counted at {@code \n}, as editors number them.
 * A document larger than {@link #MAX_DOCUMENT_BYTES} is not kept: it is reported and skipped to
 * the next separator.
 */
final class DocumentSplitter {

    /** The API server refuses a request body over 3 MiB: no one object in a manifest can be larger. */
    static final int MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;
    static final String MAX_DOCUMENT_SIZE = "3 MiB";
    static final String NOT_UTF8 = "not UTF-8 text (manifests are UTF-8)";

    /** Where documents go, in the order of the input. */
    interface Documents {
        /**
         * A document's text, the line of the file its text starts on, and its first and last lines
         * that are neither blank nor a comment (documents without such a line are not passed on).
         */
        void document(int firstLine, int contentLine, int lastContentLine, String text);

        /** A document that could not be taken: its first line with content (or first line) and why. */
        void unreadable(int line, String message);
    }

    private final Documents documents;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] document = new byte[8 * 1024];
    private int documentLength;
    private int firstLine = 1;
    private int contentLine = -1;
    private int lastContentLine = -1;
    private boolean oversized;
    /** The line being read, up to the document limit; {@code lineLength} counts all of it. */
    private byte[] line = new byte[1024];
    private int lineLength;
    private int lineNumber = 1;

    private DocumentSplitter(Documents documents) {
        this.documents = documents;
    }

    /** Reads {@code in} to its end, handing each document to {@code documents} as soon as it ends. */
    static void split(InputStream in, Documents documents) throws IOException {
        new DocumentSplitter(documents).read(in);
    }

    private void read(InputStream in) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        int read;
        while ((read = in.read(chunk)) >= 0) {
            int from = 0;
            for (int i = 0; i < read; i++) {
                if (chunk[i] == '\n') {
                    appendToLine(chunk, from, i - from);
                    endOfLine();
                    from = i + 1;
                }
            }
            appendToLine(chunk, from, read - from);
        }
        if (lineLength > 0) {
            endOfLine();
        }
        endOfDocument();
    }

    private void appendToLine(byte[] bytes, int from, int length) {
        int kept = Math.max(0, Math.min(length, MAX_DOCUMENT_BYTES + 1 - lineLength));
        if (lineLength + kept > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + kept, Math.min(line.length * 2, MAX_DOCUMENT_BYTES + 1)));
        }
        System.arraycopy(bytes, from, line, lineLength, kept);
        lineLength = Math.min(lineLength + length, MAX_DOCUMENT_BYTES + 2); // beyond the limit, only "too long" matters
    }

    private void endOfLine() {
        int number = lineNumber++;
        int length = Math.min(lineLength, line.length);
        int from = number == 1 && startsWithByteOrderMark(length) ? 3 : 0;
        lineLength = 0;
        if (isSeparator(from, length)) {
            endOfDocument();
            // "--- {apiVersion: ...}": the next document starts on the separator's own line.
            int rest = skipBlanks(from + 3, length);
            boolean inline = rest < length && line[rest] != '#';
            startDocument(inline ? number : number + 1);
            if (inline) {
                addLine(number, rest, length);
            }
        } else if (isDocumentEnd(from, length)) {
            addLine(number, from, from); // the end of a document: an empty line keeps the lines counted
        } else {
            addLine(number, from, length);
        }
        if (line.length > 64 * 1024) {
            line = new byte[1024]; // a long line's buffer is not kept for the short ones after it
        }
    }

    private boolean isDocumentEnd(int from, int length) {
        return length - from >= 3 && line[from] == '.' && line[from + 1] == '.' && line[from + 2] == '.' && skipBlanks(from + 3, length) == length;
    }

    private boolean startsWithByteOrderMark(int length) {
        return length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF;
    }

    /** {@code ---} alone, or followed by a blank, a comment or the next document's first line. */
    private boolean isSeparator(int from, int length) {
        if (length - from < 3 || line[from] != '-' || line[from + 1] != '-' || line[from + 2] != '-') {
            return false;
        }
        return length - from == 3 || isBlank(line[from + 3]) || line[from + 3] == '#';
    }

    /** ASCII space and control characters, as {@link String#trim()} sees blanks. */
    private static boolean isBlank(byte b) {
        return b >= 0 && b <= ' ';
    }

    private int skipBlanks(int from, int length) {
        int i = from;
        while (i < length && isBlank(line[i])) {
            i++;
        }
        return i;
    }

    private void addLine(int number, int from, int length) {
        int content = skipBlanks(from, length);
        if (content < length && line[content] != '#') {
            contentLine = contentLine < 0 ? number : contentLine;
            lastContentLine = number;
        }
        if (oversized) {
            return;
        }
        int bytes = length - from + 1;
        if (documentLength + bytes > MAX_DOCUMENT_BYTES) {
            oversized = true; // reported at its end, in the order of the input; what was kept is let go
            documentLength = 0;
            document = new byte[8 * 1024];
            return;
        }
        if (documentLength + bytes > document.length) {
            document = Arrays.copyOf(document, Math.min(Math.max(documentLength + bytes, document.length * 2), MAX_DOCUMENT_BYTES));
        }
        System.arraycopy(line, from, document, documentLength, length - from);
        documentLength += bytes - 1;
        document[documentLength++] = '\n';
    }

    private void endOfDocument() {
        if (oversized) {
            documents.unreadable(contentLine > 0 ? contentLine : firstLine, "document larger than " + MAX_DOCUMENT_SIZE
                    + " (the API server's limit for one object): not read; split it, one object per document");
        } else if (contentLine > 0) {
            try {
                String text = utf8.reset().decode(ByteBuffer.wrap(document, 0, documentLength)).toString();
                documents.document(firstLine, contentLine, lastContentLine, text);
            } catch (CharacterCodingException e) {
                documents.unreadable(lineOfFirstInvalidByte(), NOT_UTF8);
            }
        }
        if (document.length > 64 * 1024) {
            document = new byte[8 * 1024]; // a large document's buffer is not kept for the small ones after it
        }
    }

    private int lineOfFirstInvalidByte() {
        ByteBuffer bytes = ByteBuffer.wrap(document, 0, documentLength);
        utf8.reset().decode(bytes, CharBuffer.allocate(documentLength), true); // stops at the first invalid byte
        int line = firstLine;
        for (int i = 0; i < bytes.position(); i++) {
            if (document[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private void startDocument(int first) {
        firstLine = first;
        contentLine = -1;
        lastContentLine = -1;
        oversized = false;
        documentLength = 0;
    }
}

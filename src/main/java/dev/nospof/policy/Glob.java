package dev.nospof.policy;

import java.util.List;

/**
 * A workload name pattern of a policy exemption: {@code *} matches any run of characters,
 * everything else is literal. Matched without regular expressions, so that no pattern can make
 * a match backtrack: the name must start with the piece before the first star and end with the
 * piece after the last, and the pieces between are found left to right, each at its first place
 * after the previous one (taking the first place never loses a match when the only wildcard is
 * {@code *}). The work is bounded by name length × pattern length, both limited by the CRD.
 */
public final class Glob {

    /** The literal pieces between stars; a leading or trailing star leaves an empty piece. */
    private final List<String> pieces;

    private Glob(String pattern) {
        this.pieces = List.of(pattern.split("\\*", -1));
    }

    public static Glob of(String pattern) {
        return new Glob(pattern);
    }

    public boolean matches(String name) {
        if (pieces.size() == 1) {
            return name.equals(pieces.get(0));
        }
        String first = pieces.get(0);
        String last = pieces.get(pieces.size() - 1);
        if (name.length() < first.length() + last.length() || !name.startsWith(first) || !name.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int until = name.length() - last.length();
        for (String piece : pieces.subList(1, pieces.size() - 1)) {
            int at = name.indexOf(piece, from);
            if (at < 0 || at + piece.length() > until) {
                return false;
            }
            from = at + piece.length();
        }
        return true;
    }

    /**
     * The same pattern as an anchored RE2 regular expression (for CEL's {@code matches}, which
     * runs in linear time): the pieces quoted, the stars as {@code .*}.
     */
    public String regex() {
        StringBuilder regex = new StringBuilder("^");
        for (int i = 0; i < pieces.size(); i++) {
            if (i > 0) {
                regex.append(".*");
            }
            for (char c : pieces.get(i).toCharArray()) {
                regex.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
            }
        }
        return regex.append("$").toString();
    }
}

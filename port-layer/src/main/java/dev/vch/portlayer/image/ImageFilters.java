package dev.vch.portlayer.image;

import dev.vch.portlayer.api.Image;
import dev.vch.portlayer.api.ImageFilter;
import dev.vch.portlayer.image.store.Reference;

import java.util.regex.Pattern;

/** {@code docker images} filters: dangling, reference (glob, as Docker's FamiliarMatch), label. */
final class ImageFilters {

    private ImageFilters() {
    }

    static boolean matches(ImageFilter f, Image i) {
        if (f.dangling() != null && f.dangling() != i.repoTags().isEmpty()) {
            return false;
        }
        if (!f.references().isEmpty() && f.references().stream().noneMatch(p -> referenceMatches(p, i))) {
            return false;
        }
        for (var l : f.labels().entrySet()) {
            String v = i.config().labels().get(l.getKey());
            if (v == null || (l.getValue() != null && !l.getValue().equals(v))) {
                return false;
            }
        }
        return true;
    }

    /** A pattern matches a name's familiar "name:tag" or its familiar name alone. */
    private static boolean referenceMatches(String pattern, Image i) {
        Pattern p = glob(pattern);
        for (String tag : i.repoTags()) {
            Reference r = Reference.parse(tag);
            if (p.matcher(r.familiar()).matches() || p.matcher(r.familiarName()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}

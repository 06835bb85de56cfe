package bastion.common;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ETags are quoted revision numbers; writes carry the revision they change in If-Match. */
public final class Revisions {

    private static final Pattern QUOTED = Pattern.compile("^(?:W/)?\"([0-9]{1,18})\"$");

    private Revisions() {}

    /** The ETag header value of a revision. */
    public static jakarta.ws.rs.core.EntityTag tag(long revision) {
        return new jakarta.ws.rs.core.EntityTag(Long.toString(revision));
    }

    /** The revision an If-Match header names: 428 when it is absent, 400 when it is not an ETag of ours. */
    public static long ifMatch(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(428, Problems.PRECONDITION_REQUIRED, "需要 If-Match / Precondition required",
                    "修改需带上读取时的 ETag (If-Match) / A change must carry the ETag it was read with (If-Match)",
                    List.of(new Problem.FieldError("If-Match", "必填 / is required")));
        }
        Matcher m = QUOTED.matcher(header.trim());
        if (!m.matches()) {
            throw ProblemException.invalid("If-Match", "必须是本系统返回的 ETag, 如 \"3\" / must be an ETag returned by this API, like \"3\"");
        }
        return Long.parseLong(m.group(1));
    }
}

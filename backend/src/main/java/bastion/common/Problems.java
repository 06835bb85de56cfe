package bastion.common;

/** The problem types Bastion answers with (RFC 9457 {@code type} URIs). */
public final class Problems {
    public static final String VALIDATION = "urn:bastion:problem:validation";
    public static final String NOT_FOUND = "urn:bastion:problem:not-found";
    public static final String FORBIDDEN = "urn:bastion:problem:forbidden";
    public static final String UNAUTHORIZED = "urn:bastion:problem:unauthorized";
    public static final String BAD_REQUEST = "urn:bastion:problem:bad-request";
    public static final String METHOD_NOT_ALLOWED = "urn:bastion:problem:method-not-allowed";
    public static final String NOT_ACCEPTABLE = "urn:bastion:problem:not-acceptable";
    public static final String UNSUPPORTED_MEDIA_TYPE = "urn:bastion:problem:unsupported-media-type";
    public static final String CONFLICT = "urn:bastion:problem:conflict";
    public static final String STALE = "urn:bastion:problem:stale";
    public static final String PRECONDITION_REQUIRED = "urn:bastion:problem:precondition-required";
    public static final String SERVER_ERROR = "urn:bastion:problem:server-error";
    public static final String TOO_LARGE = "urn:bastion:problem:too-large";

    private Problems() {}
}

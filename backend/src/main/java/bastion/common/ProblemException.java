package bastion.common;

import java.util.List;

/**
 * A failure that reaches the client as a problem+json response. Thrown by services; the
 * {@link ProblemMappers} turn it into the response. Messages are written for officials and never
 * carry internals (class names, SQL, stack traces) or personal data.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final java.util.Map<String, Object> extensions;

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        this(status, type, title, detail, errors, java.util.Map.of());
    }

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors,
            java.util.Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.extensions = java.util.Map.copyOf(extensions);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, Problems.CONFLICT, "与当前状态冲突 / Conflict", detail, List.of());
    }

    public static ProblemException conflict(String detail, java.util.Map<String, Object> extensions) {
        return new ProblemException(409, Problems.CONFLICT, "与当前状态冲突 / Conflict", detail, List.of(), extensions);
    }

    /** 412: the If-Match version is stale; the body carries the current representation. */
    public static ProblemException stale(Object current) {
        return new ProblemException(412, Problems.STALE, "数据已被他人修改 / Modified by someone else",
                "您读取后数据已被修改, 请查看最新内容后重试 / The data changed since you read it; review the current version and retry",
                List.of(), current == null ? java.util.Map.of() : java.util.Map.of("current", current));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, Problems.NOT_FOUND, "未找到 / Not found", what, List.of());
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() + " 个字段无效 / " + errors.size() + (errors.size() == 1 ? " field is" : " fields are") + " invalid";
        return new ProblemException(400, Problems.VALIDATION, "请求参数无效 / Invalid request", detail, errors);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, Problems.FORBIDDEN, "无权操作 / Forbidden", detail, List.of());
    }

    public int status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, errors, extensions);
    }
}

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

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
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
        return new Problem(type, title, status, getMessage(), instance, errors);
    }
}

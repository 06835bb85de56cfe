package bastion.common;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns failures into RFC 9457 problem responses. Nothing internal (class
 * names, stack traces, SQL) reaches a client: an unexpected failure is logged with an id and the
 * client gets that id only.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return respond(ProblemException.invalid(errors).toProblem(path(uri)));
    }

    /** A body that is JSON but not of the expected shape: an unknown field, a wrong type, a value not in an enum. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response jsonInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return jsonShape(e, uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response jsonShape(com.fasterxml.jackson.databind.JsonMappingException e, UriInfo uri) {
        StringBuilder field = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        String message = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException
                ? "未知字段 / unknown field"
                : "类型或格式无效 / has the wrong type or format";
        return respond(ProblemException.invalid(field.isEmpty() ? "body" : field.toString(), message).toProblem(path(uri)));
    }

    /** A body that is not JSON at all. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response jsonSyntax(com.fasterxml.jackson.core.JsonProcessingException e, UriInfo uri) {
        return respond(ProblemException.invalid("body", "不是有效的 JSON / is not valid JSON").toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemException.forbidden("您的角色无权执行此操作 / Your role does not allow this operation").toProblem(path(uri)));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problems.UNAUTHORIZED, "未登录 / Unauthorized", 401,
                        "需要有效的访问令牌 / A valid access token is required", path(uri), List.of()))
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof com.fasterxml.jackson.databind.JsonMappingException shape) {
                return jsonShape(shape, uri);
            }
            if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException syntax) {
                return jsonSyntax(syntax, uri);
            }
        }
        String type;
        String title;
        switch (status) {
            case 404 -> { type = Problems.NOT_FOUND; title = "未找到 / Not found"; }
            case 405 -> { type = Problems.METHOD_NOT_ALLOWED; title = "不支持的方法 / Method not allowed"; }
            case 406 -> { type = Problems.NOT_ACCEPTABLE; title = "无法提供所需格式 / Not acceptable"; }
            case 415 -> { type = Problems.UNSUPPORTED_MEDIA_TYPE; title = "不支持的内容类型 / Unsupported media type"; }
            default -> { type = Problems.BAD_REQUEST; title = "请求无效 / Bad request"; }
        }
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(type, title, status, null, path(uri), List.of()));
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
            builder.header("Allow", allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s on %s", errorId, path(uri));
        return respond(new Problem(Problems.SERVER_ERROR, "服务器内部错误 / Internal server error", 500,
                "错误编号 / error id " + errorId, path(uri), List.of()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** The name a client knows: the query/path parameter or body property, not the Java method. */
    private static String fieldName(ConstraintViolation<?> v) {
        String name = null;
        StringBuilder bodyPath = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR -> { }
                case PARAMETER -> name = node.getName();
                default -> {
                    // an element of a list carries its index on the node that follows the list
                    if (node.isInIterable() && node.getIndex() != null) {
                        bodyPath.append('[').append(node.getIndex()).append(']');
                    }
                    if (node.getName() != null && !node.getName().startsWith("<")) {
                        if (!bodyPath.isEmpty()) {
                            bodyPath.append('.');
                        }
                        bodyPath.append(node.getName());
                    }
                }
            }
        }
        if (!bodyPath.isEmpty()) {
            return bodyPath.toString();
        }
        return name != null ? name : "request";
    }
}

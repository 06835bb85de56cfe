package bastion.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads request parameters given as text and collects every problem before failing, so one
 * response names all the offending fields. Parameters are taken as strings by resources so that a
 * wrong type ("page=abc", "level=FOO") gets the same clear 400 as an out-of-range value.
 */
public final class Params {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public Integer integer(String field, String raw, int min, int max, Integer defaultValue) {
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                errors.add(new Problem.FieldError(field, "必须在 " + min + " 到 " + max + " 之间 / must be between " + min + " and " + max));
                return defaultValue;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, "必须是整数 / must be a whole number"));
            return defaultValue;
        }
    }

    public Long id(String field, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 1) {
                errors.add(new Problem.FieldError(field, "必须是正整数 / must be a positive id"));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, "必须是正整数 / must be a positive id"));
            return null;
        }
    }

    public <E extends Enum<E>> E enumeration(String field, String raw, Class<E> type) {
        if (raw == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(raw)) {
                return constant;
            }
        }
        errors.add(new Problem.FieldError(field, "必须是以下之一 / must be one of: " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", "))));
        return null;
    }

    public String oneOf(String field, String raw, List<String> allowed, String defaultValue) {
        if (raw == null) {
            return defaultValue;
        }
        if (!allowed.contains(raw)) {
            errors.add(new Problem.FieldError(field, "必须是以下之一 / must be one of: " + String.join(", ", allowed)));
            return defaultValue;
        }
        return raw;
    }

    public String text(String field, String raw, int minLength, int maxLength) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        int length = value.codePointCount(0, value.length());
        if (length < minLength || length > maxLength) {
            errors.add(new Problem.FieldError(field, "长度必须在 " + minLength + " 到 " + maxLength + " 个字符之间 / length must be between "
                    + minLength + " and " + maxLength + " characters"));
            return null;
        }
        if (value.chars().anyMatch(c -> c < 0x20)) {
            errors.add(new Problem.FieldError(field, "不能包含控制字符 / must not contain control characters"));
            return null;
        }
        return value;
    }

    /** A required id given as text (a path parameter): the id, or a 400 naming the field. */
    public static long requiredId(String field, String raw) {
        Params params = new Params();
        Long id = params.id(field, raw);
        params.check();
        return id;
    }

    /** Records a problem found by the caller's own check. */
    public void fail(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    /** Throws a 400 problem naming every offending field, if any. */
    public void check() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}

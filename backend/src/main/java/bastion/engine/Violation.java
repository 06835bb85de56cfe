package bastion.engine;

/** One reason an input is refused: the field (a path such as {@code dimensions[0].indicators[1].max}) and why. */
public record Violation(String field, String message) {}

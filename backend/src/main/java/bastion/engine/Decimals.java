package bastion.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** The exact-decimal rules every index shares (DOMAIN.md §4, §5). */
public final class Decimals {

    public static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext DIVISION = MathContext.DECIMAL128;

    private Decimals() {}

    /** The exact quotient when it has at most 34 significant digits, else the quotient to 34 digits. */
    public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        BigDecimal quotient = dividend.divide(divisor, DIVISION);
        return quotient.multiply(divisor).compareTo(dividend) == 0 ? quotient.stripTrailingZeros() : quotient;
    }

    /** An official index: the exact index rounded half-up to one decimal. */
    public static BigDecimal official(BigDecimal exact) {
        return exact.setScale(1, RoundingMode.HALF_UP);
    }

    /** The value kept within [0, 100]. */
    public static BigDecimal clampToHundred(BigDecimal value) {
        return value.max(BigDecimal.ZERO).min(HUNDRED);
    }
}

package bastion.engine;

import java.math.BigDecimal;
import java.util.List;

/**
 * Vanguard-index rules (先锋指数, DOMAIN.md §5): items with maxima (default 学习教育 20,
 * 组织生活 25, 作用发挥 25, 党员互评 15, 群众评价 15), capped deductions, vetoes, and the
 * democratic-appraisal categories (优秀 ≥ 90, 合格 ≥ 70, 基本合格 ≥ 60, else 不合格) with the
 * largest share of 优秀 a branch may have (one third).
 */
public record VanguardRules(
        String version,
        List<Item> items,
        List<RuleSet.Adjustment> deductions,
        BigDecimal deductionTotalCap,
        List<RuleSet.Veto> vetoes,
        Thresholds thresholds,
        Share excellentShareCap) {

    public VanguardRules {
        items = List.copyOf(items);
        deductions = List.copyOf(deductions);
        vetoes = List.copyOf(vetoes);
    }

    /**
     * An item. A {@code SCORED} item takes the score given (0..max); the {@code ATTENDANCE} item
     * (组织生活) is {@code max × meetings attended / meetings held} of the cycle's 三会一课.
     */
    public record Item(String code, String name, BigDecimal max, Kind kind) {
        public enum Kind { SCORED, ATTENDANCE }
    }

    /** The lowest official index of each category. */
    public record Thresholds(BigDecimal excellent, BigDecimal qualified, BigDecimal basic) {}

    /** A share as a fraction, so that "one third" is exact: {@code numerator / denominator}. */
    public record Share(int numerator, int denominator) {}

    public BigDecimal totalMax() {
        return items.stream().map(Item::max).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

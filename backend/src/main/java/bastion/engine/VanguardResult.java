package bastion.engine;

import java.math.BigDecimal;
import java.util.List;

/**
 * A member's vanguard index (先锋指数) and democratic-appraisal category, with the explanation:
 * the terms add up to {@code exactIndex} exactly; the official index is it rounded half-up.
 */
public record VanguardResult(String rulesVersion, BigDecimal exactIndex, BigDecimal officialIndex, Category category, boolean complete,
        List<String> missing, boolean vetoed, List<Term> terms, List<FortressResult.AdjustmentLine> deductions,
        List<Scorecard.AppliedVeto> vetoes) {

    /** 民主评议党员 categories. */
    public enum Category { EXCELLENT, QUALIFIED, BASIC, UNQUALIFIED }

    /** One additive part: an item's points ({@code base} = the score, or the attendance share), a deduction, a cap, or the clamp. */
    public record Term(Kind kind, String code, String label, BigDecimal base, BigDecimal value) {
        public enum Kind { ITEM, ATTENDANCE, DEDUCTION, DEDUCTION_CAP, CLAMP }
    }
}

package bastion.engine;

import java.math.BigDecimal;
import java.util.List;

/**
 * The fortress index (堡垒指数) of one organisation in one cycle, with its explanation.
 *
 * @param exactIndex    the index in exact decimals, clamped to [0, 100]; the sum of the explanation's terms
 * @param officialIndex the exact index rounded half-up to one decimal: what is shown, starred, ranked and published
 * @param complete      false when an indicator score or a satisfaction rate is missing (counted as 0);
 *                      an incomplete result is never published
 * @param missing       what is missing: indicator codes, {@code members}, {@code masses} (the evaluations)
 * @param stars         1–5 (星级), from the official index
 * @param vetoed        a veto applies: the organisation is graded 较差 whatever its index
 */
public record FortressResult(
        String ruleSetVersion,
        BigDecimal exactIndex,
        BigDecimal officialIndex,
        boolean complete,
        List<String> missing,
        int stars,
        boolean vetoed,
        Explanation explanation) {

    /**
     * Enough to recompute the index by hand: the indicator lines give the assessment
     * ({@code 100 × verifiedTotal / maxTotal}); the terms, added up, give the exact index.
     */
    public record Explanation(
            List<IndicatorLine> indicators,
            BigDecimal verifiedTotal,
            BigDecimal maxTotal,
            BigDecimal assessment,
            List<Term> terms,
            BigDecimal unclampedIndex,
            List<AdjustmentLine> bonuses,
            List<AdjustmentLine> deductions,
            List<Scorecard.AppliedVeto> vetoes,
            String rounding) {}

    /** An indicator's verified score (null when missing, then counted as 0) and maximum. */
    public record IndicatorLine(String dimensionCode, String dimensionName, String code, String name, BigDecimal verified,
            BigDecimal max) {}

    /**
     * One additive part of the index. {@code value = weight × base} for weighted parts; bonuses are
     * positive, deductions negative; {@code BONUS_CAP}, {@code DEDUCTION_CAP} and {@code CLAMP}
     * are the corrections that the caps and the [0, 100] range make.
     */
    public record Term(Kind kind, String code, String label, BigDecimal weight, BigDecimal base, BigDecimal value) {
        public enum Kind { ASSESSMENT, MEMBERS_SATISFACTION, MASSES_SATISFACTION, BONUS, BONUS_CAP, DEDUCTION, DEDUCTION_CAP, CLAMP }
    }

    /** A bonus or deduction item: the points applied (summed over its applications) and what counts after the item cap. */
    public record AdjustmentLine(String code, String name, BigDecimal requested, BigDecimal itemCap, BigDecimal counted,
            List<String> reasons) {}
}

package bastion.engine;

import bastion.engine.FortressResult.AdjustmentLine;
import bastion.engine.FortressResult.Explanation;
import bastion.engine.FortressResult.IndicatorLine;
import bastion.engine.FortressResult.Term;
import bastion.engine.FortressResult.Term.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the fortress index (DOMAIN.md §4) from a rule set and a scorecard. Pure: no I/O, no
 * framework, no clock.
 *
 * <pre>
 * assessment = 100 × Σ verified / Σ max
 * index      = w_a × assessment + w_m × members' satisfaction + w_p × masses' satisfaction
 *              + bonuses − deductions, clamped to [0, 100]
 * </pre>
 *
 * Sums and products are exact. The division by Σ max is carried to 34 significant digits when it
 * does not terminate, which cannot move the one-decimal rounding (a quotient with a small
 * denominator is never within 10⁻³⁰ of a rounding tie without being one). Nothing is rounded but
 * the official index (half-up, one decimal), and the explanation's terms add up to the exact
 * index to the last digit.
 */
public final class FortressIndexEngine {

    static final BigDecimal HUNDRED = Decimals.HUNDRED;

    private FortressIndexEngine() {}

    public static FortressResult compute(RuleSet rules, Scorecard card) {
        List<Violation> violations = Validation.scorecard(rules, card);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("invalid scorecard: " + violations);
        }
        List<String> missing = new ArrayList<>();
        List<IndicatorLine> lines = new ArrayList<>();
        BigDecimal verifiedTotal = BigDecimal.ZERO;
        for (RuleSet.Dimension dimension : rules.dimensions()) {
            for (RuleSet.Indicator indicator : dimension.indicators()) {
                BigDecimal score = card.verifiedScores().get(indicator.code());
                if (score == null) {
                    missing.add(indicator.code());
                } else {
                    verifiedTotal = verifiedTotal.add(score);
                }
                lines.add(new IndicatorLine(dimension.code(), dimension.name(), indicator.code(), indicator.name(), score,
                        indicator.max()));
            }
        }
        if (card.members() == null) {
            missing.add("members");
        }
        if (card.masses() == null) {
            missing.add("masses");
        }
        List<AdjustmentLine> bonusLines = adjustments(rules.bonuses(), card.bonuses());
        List<AdjustmentLine> deductionLines = adjustments(rules.deductions(), card.deductions());
        List<Term> terms = terms(rules, rules.totalMax(), verifiedTotal, card.members(), card.masses(), bonusLines, deductionLines);
        BigDecimal unclamped = sum(terms);
        clamp(terms, unclamped);
        BigDecimal exact = sum(terms);
        BigDecimal official = officialIndex(exact);

        Explanation explanation = new Explanation(lines, verifiedTotal, rules.totalMax(), assessment(verifiedTotal, rules.totalMax()),
                terms, unclamped, bonusLines, deductionLines, card.vetoes(), "四舍五入到一位小数 / rounded half-up to one decimal");
        return new FortressResult(rules.version(), exact, official, missing.isEmpty(), List.copyOf(missing),
                stars(rules.stars(), official), !card.vetoes().isEmpty(), explanation);
    }

    /**
     * What a scorecard adds up to, as a list needs it: the sum and number of the verified scores of
     * the indicators that apply, the evaluations, the points applied per bonus and deduction code,
     * and whether a veto applies. Computed by SQL for a whole scope at once.
     */
    public record Totals(BigDecimal verifiedTotal, int verifiedCount, Scorecard.Evaluation members, Scorecard.Evaluation masses,
            Map<String, BigDecimal> bonusPoints, Map<String, BigDecimal> deductionPoints, boolean vetoed) {}

    /** An index without its explanation: what lists, rankings and filters need. */
    public record Index(BigDecimal exactIndex, BigDecimal officialIndex, int stars, boolean complete, boolean vetoed) {}

    /**
     * The index from totals, by the same terms as {@link #compute}, so both give the same number
     * (a property test holds them to it). Inputs come from stored, validated scorecards.
     */
    public static Index index(RuleSet rules, Totals totals) {
        return index(prepare(rules), totals);
    }

    /**
     * A rule set for one place type with what every index of a list needs derived once (the
     * maximum total and the number of indicators), instead of once per organisation.
     */
    public record Prepared(RuleSet rules, BigDecimal totalMax, int indicatorCount) {}

    public static Prepared prepare(RuleSet typed) {
        return new Prepared(typed, typed.totalMax(), typed.indicators().size());
    }

    /** {@link #index(RuleSet, Totals)} with the per-rule-set values derived once. */
    public static Index index(Prepared prepared, Totals totals) {
        RuleSet rules = prepared.rules();
        List<Term> terms = terms(rules, prepared.totalMax(), totals.verifiedTotal(), totals.members(), totals.masses(),
                summed(rules.bonuses(), totals.bonusPoints()), summed(rules.deductions(), totals.deductionPoints()));
        clamp(terms, sum(terms));
        BigDecimal exact = sum(terms);
        BigDecimal official = officialIndex(exact);
        boolean complete = totals.verifiedCount() == prepared.indicatorCount() && totals.members() != null && totals.masses() != null;
        return new Index(exact, official, stars(rules.stars(), official), complete, totals.vetoed());
    }

    /** The additive terms before clamping: the weighted parts, then each bonus and deduction with their caps. */
    private static List<Term> terms(RuleSet rules, BigDecimal maxTotal, BigDecimal verifiedTotal, Scorecard.Evaluation members,
            Scorecard.Evaluation masses, List<AdjustmentLine> bonusLines, List<AdjustmentLine> deductionLines) {
        List<Term> terms = new ArrayList<>();
        RuleSet.Weights w = rules.weights();
        // one division for the weighted part, so that e.g. 0.6 × 100 × 30 / 90 is exactly 20
        terms.add(new Term(Kind.ASSESSMENT, null, "考核得分 / assessment", w.assessment(), assessment(verifiedTotal, maxTotal),
                divide(w.assessment().multiply(HUNDRED).multiply(verifiedTotal), maxTotal)));
        terms.add(evaluation(Kind.MEMBERS_SATISFACTION, "党员评议满意率 / members' satisfaction", w.members(), members, "members"));
        terms.add(evaluation(Kind.MASSES_SATISFACTION, "群众评议满意率 / masses' satisfaction", w.masses(), masses, "masses"));
        addAdjustmentTerms(terms, bonusLines, rules.bonusTotalCap(), Kind.BONUS, Kind.BONUS_CAP, BigDecimal.ONE);
        addAdjustmentTerms(terms, deductionLines, rules.deductionTotalCap(), Kind.DEDUCTION, Kind.DEDUCTION_CAP,
                BigDecimal.ONE.negate());
        return terms;
    }

    private static BigDecimal assessment(BigDecimal verifiedTotal, BigDecimal maxTotal) {
        return divide(HUNDRED.multiply(verifiedTotal), maxTotal);
    }

    /** Adds the correction that keeps the index in [0, 100], if one is needed. */
    private static void clamp(List<Term> terms, BigDecimal unclamped) {
        BigDecimal clamped = Decimals.clampToHundred(unclamped);
        if (clamped.compareTo(unclamped) != 0) {
            terms.add(new Term(Kind.CLAMP, null, "限定在 0–100 / clamped to 0–100", null, null, clamped.subtract(unclamped)));
        }
    }

    private static List<AdjustmentLine> summed(List<RuleSet.Adjustment> rules, Map<String, BigDecimal> points) {
        List<AdjustmentLine> lines = new ArrayList<>();
        for (RuleSet.Adjustment rule : rules) {
            BigDecimal requested = points.get(rule.code());
            if (requested != null) {
                lines.add(new AdjustmentLine(rule.code(), rule.name(), requested, rule.itemCap(), requested.min(rule.itemCap()), List.of()));
            }
        }
        return lines;
    }

    /** The official index: the exact index rounded half-up to one decimal. */
    public static BigDecimal officialIndex(BigDecimal exact) {
        return Decimals.official(exact);
    }

    /** Stars (星级) for an official index. */
    public static int stars(RuleSet.StarThresholds t, BigDecimal official) {
        if (official.compareTo(t.five()) >= 0) {
            return 5;
        }
        if (official.compareTo(t.four()) >= 0) {
            return 4;
        }
        if (official.compareTo(t.three()) >= 0) {
            return 3;
        }
        return official.compareTo(t.two()) >= 0 ? 2 : 1;
    }

    static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        return Decimals.divide(dividend, divisor);
    }

    /** The satisfaction rate in percent, {@code 100 × satisfied / respondents}. */
    public static BigDecimal satisfaction(Scorecard.Evaluation e) {
        return divide(HUNDRED.multiply(BigDecimal.valueOf(e.satisfied())), BigDecimal.valueOf(e.respondents()));
    }

    /** A weighted satisfaction term, computed by one division: weight × 100 × satisfied / respondents; 0 when not held. */
    private static Term evaluation(Kind kind, String label, BigDecimal weight, Scorecard.Evaluation e, String name) {
        if (e == null) {
            return new Term(kind, name, label, weight, BigDecimal.ZERO, BigDecimal.ZERO);
        }
        BigDecimal value = divide(weight.multiply(HUNDRED).multiply(BigDecimal.valueOf(e.satisfied())),
                BigDecimal.valueOf(e.respondents()));
        return new Term(kind, name, label, weight, satisfaction(e), value);
    }

    private static List<AdjustmentLine> adjustments(List<RuleSet.Adjustment> rules, List<Scorecard.AppliedAdjustment> applied) {
        Map<String, List<Scorecard.AppliedAdjustment>> byCode = new LinkedHashMap<>();
        for (RuleSet.Adjustment rule : rules) {
            byCode.put(rule.code(), new ArrayList<>());
        }
        applied.forEach(a -> byCode.get(a.code()).add(a));
        List<AdjustmentLine> lines = new ArrayList<>();
        for (RuleSet.Adjustment rule : rules) {
            List<Scorecard.AppliedAdjustment> items = byCode.get(rule.code());
            if (items.isEmpty()) {
                continue;
            }
            BigDecimal requested = items.stream().map(Scorecard.AppliedAdjustment::points).reduce(BigDecimal.ZERO, BigDecimal::add);
            lines.add(new AdjustmentLine(rule.code(), rule.name(), requested, rule.itemCap(), requested.min(rule.itemCap()),
                    items.stream().map(Scorecard.AppliedAdjustment::reason).toList()));
        }
        return lines;
    }

    private static void addAdjustmentTerms(List<Term> terms, List<AdjustmentLine> lines, BigDecimal totalCap, Kind kind,
            Kind capKind, BigDecimal sign) {
        BigDecimal total = BigDecimal.ZERO;
        for (AdjustmentLine line : lines) {
            terms.add(new Term(kind, line.code(), line.name(), null, null, line.counted().multiply(sign)));
            total = total.add(line.counted());
        }
        if (total.compareTo(totalCap) > 0) {
            terms.add(new Term(capKind, null, "总分上限 / total cap " + totalCap.toPlainString(), null, null,
                    totalCap.subtract(total).multiply(sign)));
        }
    }

    private static BigDecimal sum(List<Term> terms) {
        return terms.stream().map(Term::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

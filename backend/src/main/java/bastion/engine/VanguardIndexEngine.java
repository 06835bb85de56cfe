package bastion.engine;

import bastion.engine.VanguardResult.Category;
import bastion.engine.VanguardResult.Term;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a member's vanguard index (DOMAIN.md §5): the items' points (组织生活 from the
 * attendance share), minus capped deductions, clamped to [0, 100]; the category from the
 * official index; a veto forces 不合格. Pure: no I/O, no framework.
 */
public final class VanguardIndexEngine {

    private VanguardIndexEngine() {}

    public static VanguardResult compute(VanguardRules rules, MemberCard card) {
        List<Violation> violations = validate(rules, card);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("invalid member card: " + violations);
        }
        List<Term> terms = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (VanguardRules.Item item : rules.items()) {
            if (item.kind() == VanguardRules.Item.Kind.ATTENDANCE) {
                MemberCard.Attendance a = card.attendance();
                if (a == null || a.held() == 0) {
                    missing.add(item.code());
                    terms.add(new Term(Term.Kind.ATTENDANCE, item.code(), item.name(), BigDecimal.ZERO, BigDecimal.ZERO));
                } else {
                    BigDecimal share = Decimals.divide(BigDecimal.valueOf(a.attended()), BigDecimal.valueOf(a.held()));
                    BigDecimal value = Decimals.divide(item.max().multiply(BigDecimal.valueOf(a.attended())), BigDecimal.valueOf(a.held()));
                    terms.add(new Term(Term.Kind.ATTENDANCE, item.code(), item.name(), share, value));
                }
            } else {
                BigDecimal score = card.scores().get(item.code());
                if (score == null) {
                    missing.add(item.code());
                }
                BigDecimal value = score == null ? BigDecimal.ZERO : score;
                terms.add(new Term(Term.Kind.ITEM, item.code(), item.name(), value, value));
            }
        }
        List<FortressResult.AdjustmentLine> lines = deductionLines(rules, card);
        BigDecimal deducted = BigDecimal.ZERO;
        for (FortressResult.AdjustmentLine line : lines) {
            terms.add(new Term(Term.Kind.DEDUCTION, line.code(), line.name(), null, line.counted().negate()));
            deducted = deducted.add(line.counted());
        }
        if (deducted.compareTo(rules.deductionTotalCap()) > 0) {
            terms.add(new Term(Term.Kind.DEDUCTION_CAP, null, "扣分上限 / deduction cap " + rules.deductionTotalCap().toPlainString(), null,
                    deducted.subtract(rules.deductionTotalCap())));
        }
        BigDecimal unclamped = sum(terms);
        BigDecimal clamped = Decimals.clampToHundred(unclamped);
        if (clamped.compareTo(unclamped) != 0) {
            terms.add(new Term(Term.Kind.CLAMP, null, "限定在 0–100 / clamped to 0–100", null, clamped.subtract(unclamped)));
        }
        BigDecimal exact = sum(terms);
        BigDecimal official = Decimals.official(exact);
        boolean vetoed = !card.vetoes().isEmpty();
        return new VanguardResult(rules.version(), exact, official, vetoed ? Category.UNQUALIFIED : category(rules.thresholds(), official),
                missing.isEmpty(), List.copyOf(missing), vetoed, terms, lines, card.vetoes());
    }

    /** The category of an official index (without a veto). */
    public static Category category(VanguardRules.Thresholds t, BigDecimal official) {
        if (official.compareTo(t.excellent()) >= 0) {
            return Category.EXCELLENT;
        }
        if (official.compareTo(t.qualified()) >= 0) {
            return Category.QUALIFIED;
        }
        return official.compareTo(t.basic()) >= 0 ? Category.BASIC : Category.UNQUALIFIED;
    }

    /** Every problem of a member card, each with its field. */
    public static List<Violation> validate(VanguardRules rules, MemberCard card) {
        List<Violation> v = new ArrayList<>();
        Map<String, VanguardRules.Item> scored = new LinkedHashMap<>();
        rules.items().stream().filter(i -> i.kind() == VanguardRules.Item.Kind.SCORED).forEach(i -> scored.put(i.code(), i));
        card.scores().forEach((code, score) -> {
            VanguardRules.Item item = scored.get(code);
            if (item == null) {
                v.add(new Violation("scores." + code, "没有此评分项 / no such scored item in rules " + rules.version()));
            } else if (score == null || score.signum() < 0 || score.compareTo(item.max()) > 0) {
                v.add(new Violation("scores." + code, "必须在 0 到 " + item.max().toPlainString() + " 之间 / must be between 0 and "
                        + item.max().toPlainString()));
            }
        });
        MemberCard.Attendance a = card.attendance();
        if (a != null && (a.held() < 0 || a.attended() < 0 || a.attended() > a.held())) {
            v.add(new Violation("attendance.attended", "必须在 0 到召开次数之间 / must be between 0 and the meetings held"));
        }
        Set<String> deductionCodes = new HashSet<>();
        rules.deductions().forEach(d -> deductionCodes.add(d.code()));
        for (int i = 0; i < card.deductions().size(); i++) {
            Scorecard.AppliedAdjustment d = card.deductions().get(i);
            if (!deductionCodes.contains(d.code())) {
                v.add(new Violation("deductions[" + i + "].code", "没有此扣分项 / no such deduction"));
            }
            if (d.points() == null || d.points().signum() <= 0) {
                v.add(new Violation("deductions[" + i + "].points", "必须大于 0 / must be greater than 0"));
            }
            if (d.reason() == null || d.reason().isBlank()) {
                v.add(new Violation("deductions[" + i + "].reason", "必须说明理由 / a reason is required"));
            }
        }
        Set<String> vetoCodes = new HashSet<>();
        rules.vetoes().forEach(x -> vetoCodes.add(x.code()));
        for (int i = 0; i < card.vetoes().size(); i++) {
            if (!vetoCodes.contains(card.vetoes().get(i).code())) {
                v.add(new Violation("vetoes[" + i + "].code", "没有此否决项 / no such veto"));
            }
            if (card.vetoes().get(i).reason() == null || card.vetoes().get(i).reason().isBlank()) {
                v.add(new Violation("vetoes[" + i + "].reason", "必须说明理由 / a reason is required"));
            }
        }
        return v;
    }

    private static List<FortressResult.AdjustmentLine> deductionLines(VanguardRules rules, MemberCard card) {
        List<FortressResult.AdjustmentLine> lines = new ArrayList<>();
        for (RuleSet.Adjustment rule : rules.deductions()) {
            List<Scorecard.AppliedAdjustment> applied = card.deductions().stream().filter(d -> d.code().equals(rule.code())).toList();
            if (!applied.isEmpty()) {
                BigDecimal requested = applied.stream().map(Scorecard.AppliedAdjustment::points).reduce(BigDecimal.ZERO, BigDecimal::add);
                lines.add(new FortressResult.AdjustmentLine(rule.code(), rule.name(), requested, rule.itemCap(),
                        requested.min(rule.itemCap()), applied.stream().map(Scorecard.AppliedAdjustment::reason).toList()));
            }
        }
        return lines;
    }

    private static BigDecimal sum(List<Term> terms) {
        return terms.stream().map(Term::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

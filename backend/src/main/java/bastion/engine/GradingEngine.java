package bastion.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grading (升级晋档, DOMAIN.md §6): the tier of each graded organisation of a cycle from its
 * official index, the overrides (a lagging or vetoed organisation is POOR whatever its index, even
 * with an incomplete scorecard), the three classes and the movement against the previous annual
 * cycle. Pure: no I/O, no framework, no clock; docs/decisions/0011-grading.md states the rules.
 *
 * <ul>
 * <li>THRESHOLDS: GOOD ≥ good, FAIRLY_GOOD ≥ fairlyGood, AVERAGE ≥ average, else POOR, on the
 * official index (one decimal, as published).
 * <li>RELATIVE, per county: the county's complete organisations that are neither lagging nor vetoed,
 * by official index descending, competition ranks (ties share the best rank: 1, 2, 2, 4). With N of
 * them, rank r is GOOD if r ≤ N × good %, FAIRLY_GOOD if r ≤ N × (good + fairlyGood) %, AVERAGE if
 * r ≤ N × (good + fairlyGood + average) %, else POOR — compared exactly (100 r ≤ N × share), so
 * organisations tied at a boundary all take the higher tier.
 * </ul>
 */
public final class GradingEngine {

    private GradingEngine() {}

    /** Best first: the order of {@link #movement}. */
    public enum Tier { GOOD, FAIRLY_GOOD, AVERAGE, POOR }

    /** 三分类: 先进, 中间, 后进. */
    public enum GradeClass { ADVANCED, MIDDLE, BACKWARD }

    public enum Movement { UP, SAME, DOWN, NONE }

    public enum Method { THRESHOLDS, RELATIVE }

    /** GRADED has a tier; INCOMPLETE an incomplete scorecard and no tier. */
    public enum Status { GRADED, INCOMPLETE }

    /** Three numbers per tier above POOR: thresholds (official index) or shares (percent). */
    public record Cuts(BigDecimal good, BigDecimal fairlyGood, BigDecimal average) {}

    /** How tiers are given; {@code thresholds} is required for THRESHOLDS, {@code relative} for RELATIVE. */
    public record Rules(Method method, Cuts thresholds, Cuts relative) {}

    /** Absent from a rule set: thresholds 90 / 80 / 60. */
    public static final Cuts DEFAULT_THRESHOLDS = new Cuts(new BigDecimal("90"), new BigDecimal("80"), new BigDecimal("60"));

    public static final Rules DEFAULT = new Rules(Method.THRESHOLDS, DEFAULT_THRESHOLDS, null);

    /**
     * Every problem of a rule set's grading section, fields under {@code grading}: thresholds
     * strictly descending in (0, 100]; relative shares ≥ 0 with a sum ≤ 100.
     */
    public static List<Violation> validate(Rules rules) {
        List<Violation> v = new ArrayList<>();
        if (rules.method() == null) {
            v.add(new Violation("grading.method", "必填 / is required"));
            return v;
        }
        if (rules.method() == Method.THRESHOLDS && rules.thresholds() == null) {
            v.add(new Violation("grading.thresholds", "阈值法需要 thresholds / the THRESHOLDS method needs thresholds"));
        }
        if (rules.method() == Method.RELATIVE && rules.relative() == null) {
            v.add(new Violation("grading.relative", "相对排名法需要 relative / the RELATIVE method needs relative"));
        }
        Cuts t = rules.thresholds();
        if (t != null) {
            String[] names = {"good", "fairlyGood", "average"};
            BigDecimal[] values = {t.good(), t.fairlyGood(), t.average()};
            for (int i = 0; i < 3; i++) {
                BigDecimal x = values[i];
                if (x == null) {
                    v.add(new Violation("grading.thresholds." + names[i], "必填 / is required"));
                } else if (x.signum() <= 0 || x.compareTo(Decimals.HUNDRED) > 0) {
                    v.add(new Violation("grading.thresholds." + names[i], "必须大于 0 且不超过 100 / must be in (0, 100]"));
                } else if (i > 0 && values[i - 1] != null && x.compareTo(values[i - 1]) >= 0) {
                    v.add(new Violation("grading.thresholds." + names[i], "必须低于 " + names[i - 1] + " 的阈值 / must be below the "
                            + names[i - 1] + " threshold (strictly descending)"));
                }
            }
        }
        Cuts r = rules.relative();
        if (r != null) {
            String[] names = {"good", "fairlyGood", "average"};
            BigDecimal[] values = {r.good(), r.fairlyGood(), r.average()};
            BigDecimal sum = BigDecimal.ZERO;
            boolean all = true;
            for (int i = 0; i < 3; i++) {
                if (values[i] == null) {
                    v.add(new Violation("grading.relative." + names[i], "必填 / is required"));
                    all = false;
                } else if (values[i].signum() < 0 || values[i].compareTo(Decimals.HUNDRED) > 0) {
                    v.add(new Violation("grading.relative." + names[i], "必须在 0 到 100 之间 / must be between 0 and 100"));
                    all = false;
                } else {
                    sum = sum.add(values[i]);
                }
            }
            if (all && sum.compareTo(Decimals.HUNDRED) > 0) {
                v.add(new Violation("grading.relative", "三档比例之和不能超过 100 (其余为较差), 现为 " + sum.toPlainString()
                        + " / the three shares must add up to at most 100 (the rest is POOR); they add up to " + sum.toPlainString()));
            }
        }
        return v;
    }

    /** One graded organisation as grading needs it. {@code group} is its county (the unit of the relative method). */
    public record Input(long id, String group, BigDecimal officialIndex, boolean complete, boolean vetoed, boolean lagging,
            Tier previousTier) {}

    /**
     * The outcome for one organisation. {@code rank} and {@code ranked} (N) are set for the
     * organisations ranked by the relative method; {@code poorByOverride} when lagging or a veto
     * made it POOR.
     */
    public record Outcome(long id, Tier tier, Status status, GradeClass gradeClass, Integer rank, Integer ranked, Tier previousTier,
            Movement movement, boolean poorByOverride) {}

    /** Grades every input, in input order: exactly one outcome each. */
    public static List<Outcome> grade(Rules rules, List<Input> inputs) {
        Rules effective = rules == null ? DEFAULT : rules;
        Map<Long, int[]> ranks = effective.method() == Method.RELATIVE ? ranks(inputs) : Map.of();
        List<Outcome> out = new ArrayList<>(inputs.size());
        for (Input in : inputs) {
            Tier tier;
            Integer rank = null;
            Integer ranked = null;
            boolean override = in.lagging() || in.vetoed();
            if (override) {
                tier = Tier.POOR;
            } else if (!in.complete()) {
                tier = null;
            } else if (effective.method() == Method.RELATIVE) {
                int[] rn = ranks.get(in.id());
                rank = rn[0];
                ranked = rn[1];
                tier = relativeTier(effective.relative(), rank, ranked);
            } else {
                tier = thresholdTier(effective.thresholds() == null ? DEFAULT_THRESHOLDS : effective.thresholds(), in.officialIndex());
            }
            out.add(new Outcome(in.id(), tier, tier == null ? Status.INCOMPLETE : Status.GRADED, classOf(tier), rank, ranked,
                    in.previousTier(), movement(in.previousTier(), tier), override));
        }
        return out;
    }

    /** The tier of an official index by thresholds. */
    public static Tier thresholdTier(Cuts t, BigDecimal officialIndex) {
        if (officialIndex.compareTo(t.good()) >= 0) {
            return Tier.GOOD;
        }
        if (officialIndex.compareTo(t.fairlyGood()) >= 0) {
            return Tier.FAIRLY_GOOD;
        }
        return officialIndex.compareTo(t.average()) >= 0 ? Tier.AVERAGE : Tier.POOR;
    }

    /** The tier of competition rank {@code rank} among {@code n}: exact comparisons 100 × r ≤ n × share. */
    public static Tier relativeTier(Cuts shares, int rank, int n) {
        BigDecimal hundredR = BigDecimal.valueOf(100L * rank);
        BigDecimal nn = BigDecimal.valueOf(n);
        BigDecimal good = shares.good();
        BigDecimal fairly = good.add(shares.fairlyGood());
        BigDecimal average = fairly.add(shares.average());
        if (hundredR.compareTo(nn.multiply(good)) <= 0) {
            return Tier.GOOD;
        }
        if (hundredR.compareTo(nn.multiply(fairly)) <= 0) {
            return Tier.FAIRLY_GOOD;
        }
        return hundredR.compareTo(nn.multiply(average)) <= 0 ? Tier.AVERAGE : Tier.POOR;
    }

    /**
     * Competition ranks per group among the complete inputs that are neither lagging nor vetoed:
     * id → {rank, N}.
     */
    static Map<Long, int[]> ranks(List<Input> inputs) {
        Map<String, List<Input>> groups = new LinkedHashMap<>();
        for (Input in : inputs) {
            if (in.complete() && !in.lagging() && !in.vetoed()) {
                groups.computeIfAbsent(in.group(), k -> new ArrayList<>()).add(in);
            }
        }
        Map<Long, int[]> ranks = new HashMap<>();
        for (List<Input> group : groups.values()) {
            List<Input> sorted = new ArrayList<>(group);
            sorted.sort(Comparator.comparing(Input::officialIndex).reversed());
            int n = sorted.size();
            int rank = 0;
            BigDecimal previous = null;
            for (int i = 0; i < n; i++) {
                BigDecimal index = sorted.get(i).officialIndex();
                if (previous == null || index.compareTo(previous) != 0) {
                    rank = i + 1;
                    previous = index;
                }
                ranks.put(sorted.get(i).id(), new int[] {rank, n});
            }
        }
        return ranks;
    }

    public static GradeClass classOf(Tier tier) {
        if (tier == null) {
            return null;
        }
        return switch (tier) {
            case GOOD -> GradeClass.ADVANCED;
            case FAIRLY_GOOD, AVERAGE -> GradeClass.MIDDLE;
            case POOR -> GradeClass.BACKWARD;
        };
    }

    /** UP / SAME / DOWN by tier order; NONE when either tier is missing. */
    public static Movement movement(Tier previous, Tier now) {
        if (previous == null || now == null) {
            return Movement.NONE;
        }
        int c = Integer.compare(previous.ordinal(), now.ordinal());
        return c > 0 ? Movement.UP : c < 0 ? Movement.DOWN : Movement.SAME;
    }

    /** A dimension's verified points against its maximum (missing scores count 0), from an explanation. */
    public record DimensionShare(String code, String name, BigDecimal verified, BigDecimal max, BigDecimal share) {}

    /**
     * The {@code count} weakest dimensions of an explanation by verified / max (share in percent,
     * exact up to the engine's division), ties in the rule set's order.
     */
    public static List<DimensionShare> weakestDimensions(FortressResult.Explanation explanation, int count) {
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (FortressResult.IndicatorLine line : explanation.indicators()) {
            BigDecimal[] s = sums.computeIfAbsent(line.dimensionCode(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            names.putIfAbsent(line.dimensionCode(), line.dimensionName());
            s[0] = s[0].add(line.verified() == null ? BigDecimal.ZERO : line.verified());
            s[1] = s[1].add(line.max());
        }
        List<DimensionShare> all = new ArrayList<>();
        sums.forEach((code, s) -> all.add(new DimensionShare(code, names.get(code), s[0], s[1],
                s[1].signum() == 0 ? Decimals.HUNDRED : Decimals.divide(Decimals.HUNDRED.multiply(s[0]), s[1]))));
        List<DimensionShare> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(DimensionShare::share));   // stable: ties keep the rule set's order
        return List.copyOf(sorted.subList(0, Math.min(count, sorted.size())));
    }

    /** The rule text of a method, zh and en, as results and summaries state it. */
    public static String[] ruleText(Rules rules) {
        Rules r = rules == null ? DEFAULT : rules;
        String override = "后进(软弱涣散)或一票否决的组织一律为较差, 即使评分不完整; 评分不完整且无上述情形的不定档 (单列)。";
        String overrideEn = "A lagging or vetoed organisation is POOR whatever its index, even with an incomplete scorecard; "
                + "any other organisation with an incomplete scorecard gets no tier and is listed apart.";
        if (r.method() == Method.RELATIVE) {
            Cuts s = r.relative();
            String g = s.good().toPlainString();
            String f = s.fairlyGood().toPlainString();
            String a = s.average().toPlainString();
            return new String[] {
                "以县为单元按排名定档: 县内评分完整且非后进、非否决的 N 个组织按公布的堡垒指数从高到低排名, 并列者取最好名次 (1,2,2,4); 名次 r 满足 r ≤ N×" + g
                        + "% 为好, r ≤ N×(" + g + "+" + f + ")% 为较好, r ≤ N×(" + g + "+" + f + "+" + a + ")% 为一般, 其余为较差 (精确比较, 边界上并列者同取较高档)。" + override,
                "Relative, per county: the county's N complete organisations that are neither lagging nor vetoed are ranked by official index, "
                        + "highest first, ties sharing the best rank (1, 2, 2, 4); rank r is GOOD if r ≤ N × " + g + " %, FAIRLY_GOOD if r ≤ N × ("
                        + g + " + " + f + ") %, AVERAGE if r ≤ N × (" + g + " + " + f + " + " + a + ") %, else POOR (compared exactly, so ties at "
                        + "a boundary all take the higher tier). " + overrideEn};
        }
        Cuts t = r.thresholds() == null ? DEFAULT_THRESHOLDS : r.thresholds();
        String g = t.good().toPlainString();
        String f = t.fairlyGood().toPlainString();
        String a = t.average().toPlainString();
        return new String[] {
            "按公布的堡垒指数 (四舍五入到一位小数) 定档: ≥ " + g + " 为好, ≥ " + f + " 为较好, ≥ " + a + " 为一般, 其余为较差。" + override,
            "By the official index (rounded half-up to one decimal): GOOD ≥ " + g + ", FAIRLY_GOOD ≥ " + f + ", AVERAGE ≥ " + a
                    + ", else POOR. " + overrideEn};
    }
}

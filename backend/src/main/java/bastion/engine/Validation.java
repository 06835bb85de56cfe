package bastion.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Why a rule set or a scorecard cannot be used: every problem, each with its field. */
public final class Validation {

    private Validation() {}

    /** The place types a rule set's type-specific indicators may name. */
    public static final List<String> PLACE_TYPES = List.of("VILLAGE", "COMMUNITY");

    public static List<Violation> ruleSet(RuleSet rules) {
        List<Violation> v = new ArrayList<>();
        if (blank(rules.version())) {
            v.add(new Violation("version", "必填 / is required"));
        }
        if (rules.dimensions().isEmpty()) {
            v.add(new Violation("dimensions", "至少需要一个维度 / needs at least one dimension"));
        }
        Set<String> codes = new HashSet<>();
        for (int d = 0; d < rules.dimensions().size(); d++) {
            RuleSet.Dimension dimension = rules.dimensions().get(d);
            String path = "dimensions[" + d + "]";
            code(v, codes, path, dimension.code());
            name(v, path, dimension.name());
            if (dimension.indicators().isEmpty()) {
                v.add(new Violation(path + ".indicators", "至少需要一个指标 / needs at least one indicator"));
            }
            for (int i = 0; i < dimension.indicators().size(); i++) {
                RuleSet.Indicator indicator = dimension.indicators().get(i);
                String ipath = path + ".indicators[" + i + "]";
                code(v, codes, ipath, indicator.code());
                name(v, ipath, indicator.name());
                if (indicator.max() == null || indicator.max().signum() <= 0) {
                    v.add(new Violation(ipath + ".max", "必须大于 0 / must be greater than 0"));
                }
                if (!PLACE_TYPES.containsAll(indicator.appliesTo())) {
                    v.add(new Violation(ipath + ".appliesTo", "只能是 VILLAGE 或 COMMUNITY / may only name VILLAGE or COMMUNITY"));
                }
            }
        }
        if (!rules.dimensions().isEmpty()) {
            for (String type : PLACE_TYPES) {
                if (rules.forPlaceType(type).indicators().isEmpty()) {
                    v.add(new Violation("dimensions", "没有适用于 " + type + " 的指标 / no indicator applies to " + type));
                }
            }
        }
        adjustmentRules(v, codes, "bonuses", rules.bonuses(), rules.bonusTotalCap(), "bonusTotalCap");
        adjustmentRules(v, codes, "deductions", rules.deductions(), rules.deductionTotalCap(), "deductionTotalCap");
        for (int i = 0; i < rules.vetoes().size(); i++) {
            code(v, codes, "vetoes[" + i + "]", rules.vetoes().get(i).code());
            name(v, "vetoes[" + i + "]", rules.vetoes().get(i).name());
        }
        RuleSet.Weights w = rules.weights();
        if (w == null || w.assessment() == null || w.members() == null || w.masses() == null) {
            v.add(new Violation("weights", "必填 / is required"));
        } else {
            rate(v, "weights.assessment", w.assessment(), BigDecimal.ONE);
            rate(v, "weights.members", w.members(), BigDecimal.ONE);
            rate(v, "weights.masses", w.masses(), BigDecimal.ONE);
            if (w.sum().compareTo(BigDecimal.ONE) != 0) {
                v.add(new Violation("weights", "权重之和必须为 1 (现为 " + w.sum().toPlainString() + ") / weights must sum to 1 (they sum to "
                        + w.sum().toPlainString() + ")"));
            }
        }
        RuleSet.StarThresholds s = rules.stars();
        if (s == null || s.five() == null || s.four() == null || s.three() == null || s.two() == null) {
            v.add(new Violation("stars", "必填 / is required"));
        } else {
            rate(v, "stars.five", s.five(), FortressIndexEngine.HUNDRED);
            rate(v, "stars.four", s.four(), FortressIndexEngine.HUNDRED);
            rate(v, "stars.three", s.three(), FortressIndexEngine.HUNDRED);
            rate(v, "stars.two", s.two(), FortressIndexEngine.HUNDRED);
            if (!(s.five().compareTo(s.four()) > 0 && s.four().compareTo(s.three()) > 0 && s.three().compareTo(s.two()) > 0)) {
                v.add(new Violation("stars", "阈值必须递减: 五星 > 四星 > 三星 > 二星 / thresholds must decrease: five > four > three > two"));
            }
        }
        return v;
    }

    public static List<Violation> scorecard(RuleSet rules, Scorecard card) {
        List<Violation> v = new ArrayList<>();
        Map<String, RuleSet.Indicator> indicators = rules.indicators().stream()
                .collect(Collectors.toMap(RuleSet.Indicator::code, Function.identity()));
        card.verifiedScores().forEach((code, score) -> {
            String path = "verifiedScores." + code;
            RuleSet.Indicator indicator = indicators.get(code);
            if (indicator == null) {
                v.add(new Violation(path, "规则集中没有此指标 / no such indicator in rule set " + rules.version()));
            } else if (score == null || score.signum() < 0 || score.compareTo(indicator.max()) > 0) {
                v.add(new Violation(path, "必须在 0 到 " + indicator.max().toPlainString() + " 之间 / must be between 0 and "
                        + indicator.max().toPlainString()));
            }
        });
        evaluation(v, "members", card.members());
        evaluation(v, "masses", card.masses());
        applied(v, "bonuses", card.bonuses(), rules.bonuses());
        applied(v, "deductions", card.deductions(), rules.deductions());
        Set<String> vetoCodes = rules.vetoes().stream().map(RuleSet.Veto::code).collect(Collectors.toSet());
        for (int i = 0; i < card.vetoes().size(); i++) {
            Scorecard.AppliedVeto veto = card.vetoes().get(i);
            if (!vetoCodes.contains(veto.code())) {
                v.add(new Violation("vetoes[" + i + "].code", "规则集中没有此否决项 / no such veto in the rule set"));
            }
            if (blank(veto.reason())) {
                v.add(new Violation("vetoes[" + i + "].reason", "必须说明理由 / a reason is required"));
            }
        }
        return v;
    }

    private static void evaluation(List<Violation> v, String field, Scorecard.Evaluation e) {
        if (e == null) {
            return;
        }
        if (e.respondents() < 1) {
            v.add(new Violation(field + ".respondents", "至少 1 人 / must be at least 1"));
        }
        if (e.satisfied() < 0 || e.satisfied() > e.respondents()) {
            v.add(new Violation(field + ".satisfied", "必须在 0 到参评人数之间 / must be between 0 and the number of respondents"));
        }
    }

    private static void adjustmentRules(List<Violation> v, Set<String> codes, String field, List<RuleSet.Adjustment> items,
            BigDecimal totalCap, String totalField) {
        for (int i = 0; i < items.size(); i++) {
            RuleSet.Adjustment item = items.get(i);
            String path = field + "[" + i + "]";
            code(v, codes, path, item.code());
            name(v, path, item.name());
            if (item.itemCap() == null || item.itemCap().signum() <= 0 || item.itemCap().compareTo(FortressIndexEngine.HUNDRED) > 0) {
                v.add(new Violation(path + ".itemCap", "必须在 0 (不含) 到 100 之间 / must be above 0 and at most 100"));
            }
        }
        if (totalCap == null) {
            v.add(new Violation(totalField, "必填 / is required"));
        } else {
            rate(v, totalField, totalCap, FortressIndexEngine.HUNDRED);
        }
    }

    private static void applied(List<Violation> v, String field, List<Scorecard.AppliedAdjustment> applied,
            List<RuleSet.Adjustment> rules) {
        Set<String> known = rules.stream().map(RuleSet.Adjustment::code).collect(Collectors.toSet());
        for (int i = 0; i < applied.size(); i++) {
            Scorecard.AppliedAdjustment a = applied.get(i);
            String path = field + "[" + i + "]";
            if (!known.contains(a.code())) {
                v.add(new Violation(path + ".code", "规则集中没有此项 / no such item in the rule set"));
            }
            if (a.points() == null || a.points().signum() <= 0) {
                v.add(new Violation(path + ".points", "必须大于 0 / must be greater than 0"));
            }
            if (blank(a.reason())) {
                v.add(new Violation(path + ".reason", "必须说明理由 / a reason is required"));
            }
        }
    }

    private static void code(List<Violation> v, Set<String> codes, String path, String code) {
        if (blank(code)) {
            v.add(new Violation(path + ".code", "必填 / is required"));
        } else if (!codes.add(code)) {
            v.add(new Violation(path + ".code", "编码重复: " + code + " / duplicate code " + code));
        }
    }

    private static void name(List<Violation> v, String path, String name) {
        if (blank(name)) {
            v.add(new Violation(path + ".name", "必填 / is required"));
        }
    }

    private static void rate(List<Violation> v, String path, BigDecimal value, BigDecimal max) {
        if (value.signum() < 0 || value.compareTo(max) > 0) {
            v.add(new Violation(path, "必须在 0 到 " + max.toPlainString() + " 之间 / must be between 0 and " + max.toPlainString()));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

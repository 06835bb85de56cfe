package bastion.engine;

import java.math.BigDecimal;
import java.util.List;

/** The default rule set of DOMAIN.md §4 (100 points in six dimensions), as test input. */
final class RuleSets {

    private RuleSets() {}

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static RuleSet.Indicator ind(String code, String max) {
        return new RuleSet.Indicator(code, "指标 " + code, d(max), null, List.of());
    }

    static RuleSet defaults() {
        return new RuleSet("default-2026.1",
                List.of(
                        new RuleSet.Dimension("LEAD", "班子建设", List.of(ind("L1", "8"), ind("L2", "6"), ind("L3", "6"))),
                        new RuleSet.Dimension("LIFE", "组织生活", List.of(ind("O1", "10"), ind("O2", "5"))),
                        new RuleSet.Dimension("TEAM", "党员队伍", List.of(ind("M1", "7"), ind("M2", "8"))),
                        new RuleSet.Dimension("DEMO", "民主管理与公开", List.of(ind("D1", "8"), ind("D2", "7"))),
                        new RuleSet.Dimension("RICH", "发展带富", List.of(ind("E1", "10"), ind("E2", "5"))),
                        new RuleSet.Dimension("SERV", "服务群众与阵地", List.of(ind("S1", "10"), ind("S2", "10")))),
                List.of(new RuleSet.Adjustment("X1", "市级以上表彰", d("3")), new RuleSet.Adjustment("X2", "经验推广", d("2"))),
                d("4"),
                List.of(new RuleSet.Adjustment("N1", "违纪违规", d("5")), new RuleSet.Adjustment("N2", "信访矛盾", d("3")),
                        new RuleSet.Adjustment("N3", "安全事故", d("5"))),
                d("10"),
                List.of(new RuleSet.Veto("V1", "发生严重违纪违法案件")),
                new RuleSet.Weights(d("0.6"), d("0.2"), d("0.2")),
                new RuleSet.StarThresholds(d("95"), d("85"), d("75"), d("60")));
    }
}

package bastion.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One organisation's inputs for one cycle: the verified score (核定) of each indicator, the two
 * evaluations (党员评议, 群众评议: how many rated, how many were satisfied; null when not yet held),
 * and the bonuses, deductions and vetoes applied with their reasons. Self-scores (自评) do not
 * count and are not an input.
 */
public record Scorecard(
        Map<String, BigDecimal> verifiedScores,
        Evaluation members,
        Evaluation masses,
        List<AppliedAdjustment> bonuses,
        List<AppliedAdjustment> deductions,
        List<AppliedVeto> vetoes) {

    public Scorecard {
        verifiedScores = Map.copyOf(verifiedScores);
        bonuses = List.copyOf(bonuses);
        deductions = List.copyOf(deductions);
        vetoes = List.copyOf(vetoes);
    }

    /** An evaluation's totals; the satisfaction rate is {@code 100 × satisfied / respondents} %. */
    public record Evaluation(long respondents, long satisfied) {}

    public record AppliedAdjustment(String code, BigDecimal points, String reason) {}

    public record AppliedVeto(String code, String reason) {}
}

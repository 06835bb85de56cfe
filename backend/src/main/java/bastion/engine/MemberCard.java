package bastion.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One member's inputs for one cycle: the scores of the scored items, the cycle's 三会一课
 * attendance (meetings held in the branch, meetings the member attended), deductions and vetoes
 * with their reasons. No personal data: the engine never sees who the member is.
 */
public record MemberCard(Map<String, BigDecimal> scores, Attendance attendance, List<Scorecard.AppliedAdjustment> deductions,
        List<Scorecard.AppliedVeto> vetoes) {

    public MemberCard {
        scores = Map.copyOf(scores);
        deductions = List.copyOf(deductions);
        vetoes = List.copyOf(vetoes);
    }

    /** Meetings of the branch in the cycle, and how many of them the member attended. */
    public record Attendance(int held, int attended) {}
}

package bastion.screening;

import bastion.lagging.CatalogueDtos.ScreeningRule;
import bastion.org.OrganizationDtos.OrganizationRef;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The screening shapes of the API contract. */
public final class ScreeningDtos {

    private ScreeningDtos() {}

    public record ScreeningRunInput(@NotNull Long organizationId, Long cycleId, LocalDate asOf) {}

    /** Counts of one criterion over a run. */
    public record CriterionCount(String code, String title, ScreeningRule rule, int examined, int triggered, int proposed,
            int alreadyProposed, int skipped) {

        CriterionCount plus(CriterionCount o) {
            return new CriterionCount(code, title, rule, examined + o.examined, triggered + o.triggered, proposed + o.proposed,
                    alreadyProposed + o.alreadyProposed, skipped + o.skipped);
        }
    }

    /** The figures that triggered a proposal (members by rule; absent ones are omitted). */
    public record Trigger(ScreeningRule rule, LocalDate asOf, Long postId, LocalDate vacantSince, Integer vacantDays,
            Integer thresholdDays, Integer months, LocalDate windowFrom, LocalDate windowTo, LocalDate lastMeetingOn, Integer year,
            Long cycleId, Integer respondents, Integer satisfied, String satisfactionPercent, String thresholdPercent) {}

    public record Proposal(long findingId, OrganizationRef organization, String criterionCode, String criterionTitle, ScreeningRule rule,
            String reason, Trigger triggerData) {}

    public record RunView(long id, OrganizationRef organization, LocalDate asOf, Long requestedCycleId, List<Long> cycleIds,
            List<String> catalogues, String runBy, OffsetDateTime runAt, int durationMillis, int examined, int proposed,
            int alreadyProposed, int skipped, List<CriterionCount> criteria, List<Proposal> proposals) {}
}

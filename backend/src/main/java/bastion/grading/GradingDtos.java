package bastion.grading;

import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.rules.RuleSetDtos;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The grading shapes of the API contract (tag grading). Nullable fields that the contract requires are written as null. */
public final class GradingDtos {

    private GradingDtos() {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GradingRun(long id, long cycleId, String state, @JsonProperty("final") boolean isFinal, boolean current,
            String ruleSetLabel, String method, int total, int processed, int graded, int incomplete,
            List<OrganizationRef> incompleteOrganizations, int poorByLagging, int poorByVeto, String startedBy, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, String failureReason) {}

    /** Grade every cycle of a year and phase that the caller administers (under an organisation, optionally) in one batch. */
    public record GradingBatchInput(
            @NotNull @jakarta.validation.constraints.Min(value = 2000, message = "必须在 2000–2100 之间 / must be between 2000 and 2100")
            @jakarta.validation.constraints.Max(value = 2100, message = "必须在 2000–2100 之间 / must be between 2000 and 2100") Integer year,
            @NotNull @Pattern(regexp = "^(MID_YEAR|ANNUAL)$", message = "必须是 MID_YEAR 或 ANNUAL / must be MID_YEAR or ANNUAL") String phase,
            @jakarta.validation.constraints.Positive(message = "必须是组织编号 / must be an organisation id") Long under) {}

    /** A cycle a batch did not grade, and why: PUBLISHED, or RUNNING (with the run in progress). */
    public record SkippedCycle(long cycleId, OrganizationRef jurisdiction, String reason, Long runId) {}

    /** The runs a batch queued (they run together and become current together) and the cycles it skipped. */
    public record GradingBatch(int year, String phase, List<GradingRun> runs, List<SkippedCycle> skipped) {}

    public record RunRef(long id, String ruleSetLabel, String method, @JsonProperty("final") boolean isFinal, OffsetDateTime finishedAt) {}

    public record RuleText(String zh, String en) {
        static RuleText of(String[] text) {
            return new RuleText(text[0], text[1]);
        }
    }

    public record Criterion(String code, String title) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GradingResult(OrganizationRef organization, String divisionCode, OrganizationRef township, OrganizationRef county,
            String officialIndex, int stars, boolean complete, boolean vetoed, List<String> vetoCodes, boolean lagging,
            List<Criterion> laggingCriteria, String status, String tier, @JsonProperty("class") String gradeClass, Integer rank,
            String previousTier, String movement, List<Map<String, Object>> reasons) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GradingResultPage(long cycleId, boolean published, RunRef run, RuleText rule, List<GradingResult> items, int page,
            int size, long totalItems, int totalPages) {}

    public record TierFigures(int count, String share) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TargetCheck(String minGoodShare, String maxPoorShare, String source, OrganizationRef from, String goodShare,
            String poorShare, boolean goodMet, boolean poorMet, boolean met, String goodDistance, String poorDistance) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StarFigures(Map<String, Integer> counts, String fiveShare, String fourShare, String guideFive, String guideFour,
            List<String> warnings) {}

    public record GradingFigures(OrganizationRef organization, int total, int graded, int incomplete, Map<String, TierFigures> tiers,
            Map<String, TierFigures> classes, Map<String, Integer> movement, int lagging, String laggingShare, TargetCheck target,
            StarFigures stars) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GradingSummary(long cycleId, boolean published, RunRef run, RuleText rule, GradingFigures scope,
            List<GradingFigures> counties, List<GradingFigures> townships) {}

    /** A cycle of a year summary, with the run whose results it counts (null: not graded yet). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CycleRun(long cycleId, OrganizationRef jurisdiction, String state, RunRef run) {}

    /** The summary over every cycle of a year and phase in the caller's sight (see GradingService#yearSummary). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GradingYearSummary(int year, String phase, List<CycleRun> cycles, GradingFigures scope, List<GradingFigures> counties,
            List<GradingFigures> townships) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RankedVillage(int rank, OrganizationRef organization, String divisionCode, OrganizationRef township,
            OrganizationRef county, String officialIndex, int stars, String tier) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record VillageRanking(long cycleId, boolean published, RunRef run, RuleText rule, List<RankedVillage> items) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RankedTownship(int rank, OrganizationRef township, OrganizationRef county, int villages, String meanIndex,
            String goodShare) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TownshipRanking(long cycleId, boolean published, RunRef run, RuleText rule, List<RankedTownship> items) {}

    public record TargetInput(
            @NotNull @Pattern(regexp = RuleSetDtos.DECIMAL, message = RuleSetDtos.DECIMAL_MESSAGE) String minGoodShare,
            @NotNull @Pattern(regexp = RuleSetDtos.DECIMAL, message = RuleSetDtos.DECIMAL_MESSAGE) String maxPoorShare) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Target(OrganizationRef organization, int year, String minGoodShare, String maxPoorShare, String source,
            OrganizationRef from, Long revision, boolean editable) {}

    public record TargetList(int year, List<Target> items) {}
}

package bastion.rectification;

import static bastion.rules.RuleSetDtos.DECIMAL;
import static bastion.rules.RuleSetDtos.DECIMAL_MESSAGE;
import static bastion.rules.RuleSetDtos.TEXT;
import static bastion.rules.RuleSetDtos.TEXT_MESSAGE;

import bastion.org.OrganizationDtos.OrganizationRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The rectification-plan shapes of the API contract (openapi.yaml, tag rectification). */
public final class RectificationDtos {

    /** Non-blank text without control characters other than tab and line breaks. */
    static final String LONG_TEXT = "^(?s)[^\\u0000-\\u0008\\u000b-\\u001f]*\\S[^\\u0000-\\u0008\\u000b-\\u001f]*$";
    static final String LONG_TEXT_MESSAGE = "不能为空白, 不能包含控制字符 / must not be blank or contain control characters";
    static final String LINE = "^[^\\u0000-\\u001f]*\\S[^\\u0000-\\u001f]*$";
    static final String NOTE = "^[^\\u0000-\\u0008\\u000b-\\u001f]*$";

    private RectificationDtos() {}

    public enum PlanState { RECTIFYING, ACCEPTED, CLEARED }

    public enum TaskStatus { TODO, IN_PROGRESS, DONE }

    public enum MonthStatus { OK, OVERDUE, DUE }

    public enum Result { PASSED, FAILED }

    public record LinkedLeader(
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String name,
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String title) {}

    public record FirstSecretary(
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String name,
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String unit) {}

    public record PlanInput(
            @NotNull @Min(1) Long organizationId,
            @NotNull @Valid LinkedLeader linkedLeader,
            @Valid FirstSecretary firstSecretary,
            @NotNull LocalDate startedOn,
            @NotNull @Size(min = 1, max = 500) @Pattern(regexp = LONG_TEXT, message = LONG_TEXT_MESSAGE) String reason) {}

    public record PlanUpdate(
            @NotNull @Valid LinkedLeader linkedLeader,
            @Valid FirstSecretary firstSecretary,
            @Size(min = 1, max = 500) @Pattern(regexp = LONG_TEXT, message = LONG_TEXT_MESSAGE) String reason) {}

    public record TaskInput(
            @NotNull @Size(min = 1, max = 500) @Pattern(regexp = LONG_TEXT, message = LONG_TEXT_MESSAGE) String problem,
            @NotNull @Size(min = 1, max = 500) @Pattern(regexp = LONG_TEXT, message = LONG_TEXT_MESSAGE) String measure,
            @NotNull @Size(min = 1, max = 200) @Pattern(regexp = LINE, message = LONG_TEXT_MESSAGE) String owner,
            @NotNull LocalDate deadline,
            TaskStatus status,
            @Size(min = 1, max = 2000) @Pattern(regexp = LONG_TEXT, message = LONG_TEXT_MESSAGE) String evidence,
            LocalDate doneOn) {}

    public record VisitInput(
            @NotNull LocalDate visitedOn,
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String visitor,
            @Size(max = 1000) @Pattern(regexp = NOTE, message = TEXT_MESSAGE) String note) {}

    public record FindingInput(
            @NotNull @Min(1) Long findingId,
            @Size(min = 1, max = 500) @Pattern(regexp = LONG_TEXT, message = LONG_TEXT_MESSAGE) String reason) {}

    public record AcceptanceInput(
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String ratingPoints,
            @NotNull @Min(1) @Max(100_000) Integer respondents,
            @NotNull @Min(0) @Max(100_000) Integer satisfied,
            @NotNull @Size(min = 1, max = 2000) @Pattern(regexp = LONG_TEXT, message = LONG_TEXT_MESSAGE) String evidence,
            @NotNull @Size(min = 1, max = 500) @Pattern(regexp = LONG_TEXT, message = LONG_TEXT_MESSAGE) String reason) {}

    public record ClearanceInput(
            @NotNull @Size(min = 1, max = 500) @Pattern(regexp = LONG_TEXT, message = LONG_TEXT_MESSAGE) String reason) {}

    public record Settings(String catalogueLabel, int visitsPerMonth, String acceptanceMinPoints, String acceptanceMinSatisfactionPercent,
            int followUpMonths) {}

    public record PlanFinding(long id, String code, String title, String state) {}

    public record TaskView(long id, String problem, String measure, String owner, LocalDate deadline, TaskStatus status, String evidence,
            LocalDate doneOn, boolean overdue, int daysOverdue, long revision, String createdBy, OffsetDateTime createdAt, String updatedBy,
            OffsetDateTime updatedAt) {}

    public record VisitView(long id, LocalDate visitedOn, String visitor, String note, String recordedBy, OffsetDateTime recordedAt) {}

    public record VisitMonth(String month, int required, int recorded, MonthStatus status) {}

    public record AcceptanceView(long id, Result result, String ratingPoints, int respondents, int satisfied, String satisfactionPercent,
            String minPoints, String minSatisfactionPercent, String catalogueLabel, boolean pointsMet, boolean satisfactionMet,
            String evidence, String reason, String decidedBy, String decidedByName, OffsetDateTime decidedAt, LocalDate decidedOn) {}

    public record ClearanceView(LocalDate clearedOn, String clearedBy, String clearedByName, OffsetDateTime clearedAt, String reason,
            int followUpMonths) {}

    public record TaskCounts(int total, int done, int overdue) {}

    public record OverdueSummary(int tasks, int visitMonths) {}

    public record PlanView(long id, OrganizationRef organization, OrganizationRef township, PlanState state, LinkedLeader linkedLeader,
            FirstSecretary firstSecretary, LocalDate startedOn, String reason, String createdBy, OffsetDateTime createdAt,
            Settings settings, List<PlanFinding> findings, List<TaskView> tasks, List<VisitView> visits, List<VisitMonth> visitCalendar,
            List<AcceptanceView> acceptances, LocalDate acceptedOn, ClearanceView clearance, LocalDate followUpUntil,
            boolean underFollowUp, OverdueSummary overdue, List<String> allowedActions, LocalDate today, long revision) {}

    public record PlanSummary(long id, OrganizationRef organization, OrganizationRef township, PlanState state, LinkedLeader linkedLeader,
            LocalDate startedOn, TaskCounts tasks, int overdueVisitMonths, LocalDate acceptedOn, LocalDate followUpUntil,
            boolean underFollowUp, long revision) {}

    public record PlanPage(List<PlanSummary> items, int page, int size, long totalItems, int totalPages) {}

    public record OverdueItem(String kind, long planId, OrganizationRef organization, OrganizationRef township, int daysOverdue,
            Long taskId, String problem, String owner, LocalDate deadline, TaskStatus status, String month, Integer required,
            Integer recorded, LinkedLeader linkedLeader) {}

    public record OverdueList(LocalDate today, List<OverdueItem> items, int taskCount, int visitMonthCount, boolean truncated) {}
}

package bastion.lagging;

import static bastion.rules.RuleSetDtos.CODE;
import static bastion.rules.RuleSetDtos.CODE_MESSAGE;

import bastion.common.Problem;
import bastion.lagging.FindingLedger.State;
import bastion.org.OrganizationDtos.OrganizationRef;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Findings as the API shows and takes them. */
public final class FindingDtos {

    /** Free text that may span lines: no control characters other than tab and line breaks. */
    public static final String MULTILINE = "^[^\\u0000-\\u0008\\u000b-\\u001f]*$";
    public static final String MULTILINE_MESSAGE = "不能包含控制字符 / must not contain control characters";
    public static final String REASON = "^[^\\u0000-\\u0008\\u000b-\\u001f]*\\S[^\\u0000-\\u0008\\u000b-\\u001f]*$";
    public static final String REASON_MESSAGE = "必填, 且不能包含控制字符 / is required and must not contain control characters";

    private FindingDtos() {}

    public enum Decision { CONFIRM, DISMISS }

    public record FindingInput(
            @NotNull Long organizationId,
            @NotNull @Pattern(regexp = CODE, message = CODE_MESSAGE) String criterionCode,
            @Min(2000) @Max(2100) Integer year,
            @NotNull @Size(min = 1, max = 500) @Pattern(regexp = REASON, message = REASON_MESSAGE) String reason,
            @Size(max = 2000) @Pattern(regexp = MULTILINE, message = MULTILINE_MESSAGE) String evidence) {}

    public record FindingTransition(
            @NotNull Decision action,
            @NotNull @Size(min = 1, max = 500) @Pattern(regexp = REASON, message = REASON_MESSAGE) String reason,
            @Size(max = 2000) @Pattern(regexp = MULTILINE, message = MULTILINE_MESSAGE) String evidence,
            @Size(max = 20) List<@NotNull Long> attachmentIds) {}

    public record BulkItem(@NotNull Long findingId, @NotNull @Min(1) @Max(1_000_000_000L) Long revision) {}

    public record BulkFindingTransition(
            @NotNull Decision action,
            @NotNull @Size(min = 1, max = 500) @Pattern(regexp = REASON, message = REASON_MESSAGE) String reason,
            @Size(max = 2000) @Pattern(regexp = MULTILINE, message = MULTILINE_MESSAGE) String evidence,
            @NotNull @Size(min = 1, max = 200) List<@NotNull @Valid BulkItem> items) {}

    public record BulkItemResult(long findingId, int status, State state, Long revision, Problem problem) {}

    public record BulkFindingResult(int succeeded, int failed, List<BulkItemResult> items) {}

    public record FindingSummary(long id, OrganizationRef organization, OrganizationRef township, int year, String catalogueLabel,
            String criterionCode, String criterionTitle, boolean classifiesDirectly, State state, String source, String raisedBy,
            OffsetDateTime raisedAt, OffsetDateTime stateChangedAt, long revision) {}

    public record FindingEvent(long id, OffsetDateTime at, String actor, String actorName, FindingLedger.Action action, State fromState,
            State toState, String reason, String evidence, List<Long> attachmentIds) {}

    public record Attachment(long id, long findingId, String fileName, String mediaType, int sizeBytes, String sha256, String uploadedBy,
            OffsetDateTime uploadedAt) {}

    public record FindingView(@JsonUnwrapped FindingSummary summary, JsonNode triggerData, Long screeningRunId, Long planId,
            List<FindingEvent> events, List<Attachment> attachments, List<Decision> allowedActions) {}

    public record FindingPage(List<FindingSummary> items, int page, int size, long totalItems, int totalPages, Map<String, Long> counts) {}
}

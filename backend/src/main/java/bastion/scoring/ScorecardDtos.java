package bastion.scoring;

import static bastion.rules.RuleSetDtos.CODE;
import static bastion.rules.RuleSetDtos.CODE_MESSAGE;
import static bastion.rules.RuleSetDtos.DECIMAL;
import static bastion.rules.RuleSetDtos.DECIMAL_MESSAGE;

import bastion.org.OrganizationDtos.OrganizationRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** The scorecard shapes of the API contract. */
public final class ScorecardDtos {

    static final String REASON = "(?s).*\\S.*";
    static final String REASON_MESSAGE = "必须说明理由 / a reason is required";

    private ScorecardDtos() {}

    public record ScoreItem(
            @NotNull @Pattern(regexp = CODE, message = CODE_MESSAGE) String indicatorCode,
            @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String selfScore,
            @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String verifiedScore,
            @Size(max = 1000) String note) {}

    public record Evaluation(
            @NotNull @Min(1) @Max(100_000) Integer respondents,
            @NotNull @Min(0) @Max(100_000) Integer satisfied) {}

    public record AppliedAdjustment(
            @NotNull @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String points,
            @NotNull @Size(min = 1, max = 500) @Pattern(regexp = REASON, message = REASON_MESSAGE) String reason) {}

    public record AppliedVeto(
            @NotNull @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @NotNull @Size(min = 1, max = 500) @Pattern(regexp = REASON, message = REASON_MESSAGE) String reason) {}

    public record ScorecardInput(
            @NotNull @Size(max = 200) List<@NotNull @Valid ScoreItem> items,
            @Valid Evaluation members,
            @Valid Evaluation masses,
            @NotNull @Size(max = 50) List<@NotNull @Valid AppliedAdjustment> bonuses,
            @NotNull @Size(max = 50) List<@NotNull @Valid AppliedAdjustment> deductions,
            @NotNull @Size(max = 50) List<@NotNull @Valid AppliedVeto> vetoes,
            @Size(min = 1, max = 500) @Pattern(regexp = REASON, message = REASON_MESSAGE) String correctionReason) {}

    public record ScorecardView(
            List<ScoreItem> items, Evaluation members, Evaluation masses, List<AppliedAdjustment> bonuses,
            List<AppliedAdjustment> deductions, List<AppliedVeto> vetoes, long cycleId, OrganizationRef organization,
            String ruleSetLabel, String placeType, String cycleState, boolean editable, long revision, OffsetDateTime updatedAt) {}
}

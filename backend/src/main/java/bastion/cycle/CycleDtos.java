package bastion.cycle;

import bastion.org.OrganizationDtos.OrganizationRef;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** The cycle shapes of the API contract. */
public final class CycleDtos {

    private CycleDtos() {}

    public record CycleInput(
            @NotNull @Min(1) Long jurisdictionId,
            @NotNull @Min(2000) @Max(2100) Integer year,
            @NotNull CycleEntity.Phase phase,
            @NotNull @Min(1) Long ruleSetId) {}

    public record CycleTransition(
            @NotNull Action action,
            @Size(min = 1, max = 500) @Pattern(regexp = "(?s).*\\S.*", message = "不能为空白 / must not be blank") String reason) {}

    public enum Action { LOCK, PUBLISH }

    public record RuleSetRef(long id, String label) {}

    public record CycleView(long id, OrganizationRef jurisdiction, int year, CycleEntity.Phase phase, CycleEntity.State state,
            RuleSetRef ruleSet, OffsetDateTime lockedAt, OffsetDateTime publishedAt, long revision) {}
}

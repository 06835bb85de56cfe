package bastion.lagging;

import static bastion.rules.RuleSetDtos.CODE;
import static bastion.rules.RuleSetDtos.CODE_MESSAGE;
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
import java.time.OffsetDateTime;
import java.util.List;

/** The catalogue of lagging situations (DOMAIN §3) as the API shows and takes it. */
public final class CatalogueDtos {

    private CatalogueDtos() {}

    /** Which department usually supplies the evidence for a criterion. */
    public enum EvidenceDepartment { ORGANIZATION, DISCIPLINE, POLITICAL_LEGAL, PETITION, CIVIL_AFFAIRS, AGRICULTURE, OTHER }

    /** The data rules of 智能排查; each may be attached to at most one criterion of a catalogue. */
    public enum ScreeningRule { SECRETARY_VACANCY, NO_MEETINGS, NO_VENUE, LOW_MASSES_SATISFACTION }

    public record Definition(
            @NotNull @Size(min = 1, max = 40) List<@NotNull @Valid Criterion> criteria,
            @NotNull @Valid Rectification rectification) {}

    public record Criterion(
            @NotNull @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @NotBlank @Size(max = 200) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String title,
            @Size(max = 1000) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String description,
            @NotNull Boolean classifiesDirectly,
            @NotNull EvidenceDepartment evidenceDepartment,
            @Valid Screening screening) {}

    /**
     * A screening rule with its parameter: {@code days} for SECRETARY_VACANCY (vacant for more than
     * this many days), {@code months} for NO_MEETINGS (this many consecutive calendar months without
     * a 三会一课 meeting), {@code percent} for LOW_MASSES_SATISFACTION (below this share); NO_VENUE
     * takes none.
     */
    public record Screening(
            @NotNull ScreeningRule rule,
            @Min(1) @Max(3650) Integer days,
            @Min(1) @Max(24) Integer months,
            @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String percent) {}

    /** Rectification settings: leader visits per month, the acceptance pass marks, follow-up after clearance. */
    public record Rectification(
            @NotNull @Min(1) @Max(10) Integer visitsPerMonth,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String acceptanceMinPoints,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String acceptanceMinSatisfactionPercent,
            @NotNull @Min(1) @Max(60) Integer followUpMonths) {}

    public record CatalogueInput(
            @NotNull Long jurisdictionId,
            @NotNull @Min(2000) @Max(2100) Integer year,
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String name,
            @NotNull @Valid Definition definition) {}

    /**
     * A catalogue version. The built-in default (DOMAIN §3) has no id and no jurisdiction, and its
     * label is {@code DEFAULT-<year>}.
     */
    public record CatalogueView(Long id, String label, Integer versionNumber, OrganizationRef jurisdiction, int year, String name,
            boolean builtIn, String createdBy, OffsetDateTime createdAt, Definition definition) {}
}

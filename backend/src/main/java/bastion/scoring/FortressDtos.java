package bastion.scoring;

import bastion.engine.FortressResult;
import bastion.engine.Scorecard;
import bastion.org.OrganizationDtos.OrganizationRef;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/** The fortress-index shapes of the API contract; exact decimals travel as strings. */
public final class FortressDtos {

    private FortressDtos() {}

    @JsonPropertyOrder({"cycleId", "organization", "ruleSetLabel", "exactIndex", "officialIndex", "complete", "missing", "stars",
            "vetoed", "published", "explanation"})
    public record FortressIndexView(long cycleId, OrganizationRef organization, String ruleSetLabel, String exactIndex,
            String officialIndex, boolean complete, List<String> missing, int stars, boolean vetoed, boolean published,
            ExplanationView explanation) {

        public static FortressIndexView of(long cycleId, OrganizationRef organization, FortressResult r, boolean published) {
            FortressResult.Explanation e = r.explanation();
            return new FortressIndexView(cycleId, organization, r.ruleSetVersion(), s(r.exactIndex()), r.officialIndex().toPlainString(),
                    r.complete(), r.missing(), r.stars(), r.vetoed(), published,
                    new ExplanationView(
                            e.indicators().stream().map(l -> new IndicatorLine(l.dimensionCode(), l.dimensionName(), l.code(), l.name(),
                                    l.verified() == null ? null : s(l.verified()), s(l.max()))).toList(),
                            s(e.verifiedTotal()), s(e.maxTotal()), s(e.assessment()),
                            e.terms().stream().map(t -> new Term(t.kind().name(), t.code(), t.label(),
                                    t.weight() == null ? null : s(t.weight()), t.base() == null ? null : s(t.base()), s(t.value()))).toList(),
                            s(e.unclampedIndex()),
                            e.bonuses().stream().map(FortressDtos::line).toList(),
                            e.deductions().stream().map(FortressDtos::line).toList(),
                            e.vetoes(),
                            e.rounding()));
        }
    }

    @JsonPropertyOrder({"indicators", "verifiedTotal", "maxTotal", "assessment", "terms", "unclampedIndex", "bonuses", "deductions",
            "vetoes", "rounding"})
    public record ExplanationView(List<IndicatorLine> indicators, String verifiedTotal, String maxTotal, String assessment,
            List<Term> terms, String unclampedIndex, List<AdjustmentLine> bonuses, List<AdjustmentLine> deductions,
            List<Scorecard.AppliedVeto> vetoes, String rounding) {}

    public record IndicatorLine(String dimensionCode, String dimensionName, String code, String name, String verified, String max) {}

    public record Term(String kind, String code, String label, String weight, String base, String value) {}

    public record AdjustmentLine(String code, String name, String requested, String itemCap, String counted, List<String> reasons) {}

    public record FortressIndexSummary(OrganizationRef organization, String divisionCode, String parentName, String officialIndex,
            int stars, boolean complete, boolean vetoed) {}

    public record FortressIndexPage(List<FortressIndexSummary> items, int page, int size, long totalItems, int totalPages,
            String ruleSetLabel, boolean published) {}

    private static AdjustmentLine line(FortressResult.AdjustmentLine l) {
        return new AdjustmentLine(l.code(), l.name(), s(l.requested()), s(l.itemCap()), s(l.counted()), l.reasons());
    }

    /** An exact decimal as a plain string without needless trailing zeros. */
    static String s(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}

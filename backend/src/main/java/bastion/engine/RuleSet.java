package bastion.engine;

import java.math.BigDecimal;
import java.util.List;

/**
 * A fortress-index rule set (DOMAIN.md §4), as the engine needs it: the indicator tree with maxima,
 * the capped bonuses and deductions, the vetoes, the evaluation weights and the star thresholds.
 * Plain data: persistence and versioning live outside the engine; {@code version} names the
 * version that every result must quote.
 */
public record RuleSet(
        String version,
        List<Dimension> dimensions,
        List<Adjustment> bonuses,
        BigDecimal bonusTotalCap,
        List<Adjustment> deductions,
        BigDecimal deductionTotalCap,
        List<Veto> vetoes,
        Weights weights,
        StarThresholds stars) {

    public RuleSet {
        dimensions = List.copyOf(dimensions);
        bonuses = List.copyOf(bonuses);
        deductions = List.copyOf(deductions);
        vetoes = List.copyOf(vetoes);
    }

    /** A dimension (e.g. 班子建设) and its indicators. */
    public record Dimension(String code, String name, List<Indicator> indicators) {
        public Dimension {
            indicators = List.copyOf(indicators);
        }

        public BigDecimal max() {
            return indicators.stream().map(Indicator::max).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /**
     * A scored indicator: the verified score counts, from 0 to {@code max}. {@code appliesTo} names
     * the place types (VILLAGE, COMMUNITY) of a type-specific indicator; empty means common to all.
     */
    public record Indicator(String code, String name, BigDecimal max, String description, List<String> appliesTo) {
        public Indicator {
            appliesTo = appliesTo == null ? List.of() : List.copyOf(appliesTo);
        }

        public boolean appliesTo(String placeType) {
            return appliesTo.isEmpty() || appliesTo.contains(placeType);
        }
    }

    /** A bonus (加分) or deduction (负面清单) item: points on the 100-point scale, capped per item. */
    public record Adjustment(String code, String name, BigDecimal itemCap) {}

    /** A veto (一票否决): the organisation is graded 较差 whatever its index. */
    public record Veto(String code, String name) {}

    /** The weights of the assessment and the two satisfaction rates; they sum to 1. */
    public record Weights(BigDecimal assessment, BigDecimal members, BigDecimal masses) {
        public BigDecimal sum() {
            return assessment.add(members).add(masses);
        }
    }

    /** The lowest official index for each number of stars; below {@code two} is one star. */
    public record StarThresholds(BigDecimal five, BigDecimal four, BigDecimal three, BigDecimal two) {}

    /** The rule set as it applies to one place type: the common part plus that type's part. */
    public RuleSet forPlaceType(String placeType) {
        List<Dimension> kept = dimensions.stream()
                .map(d -> new Dimension(d.code(), d.name(), d.indicators().stream().filter(i -> i.appliesTo(placeType)).toList()))
                .filter(d -> !d.indicators().isEmpty())
                .toList();
        return new RuleSet(version, kept, bonuses, bonusTotalCap, deductions, deductionTotalCap, vetoes, weights, stars);
    }

    public List<Indicator> indicators() {
        return dimensions.stream().flatMap(d -> d.indicators().stream()).toList();
    }

    public BigDecimal totalMax() {
        return dimensions.stream().map(Dimension::max).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

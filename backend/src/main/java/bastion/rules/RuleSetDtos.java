package bastion.rules;

import bastion.engine.RuleSet;
import bastion.org.OrganizationDtos.OrganizationRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The rule-set shapes of the API contract. Decimals travel as strings so that no digit is lost. */
public final class RuleSetDtos {

    public static final String DECIMAL = "^[0-9]{1,3}(\\.[0-9]{1,2})?$";
    public static final String DECIMAL_MESSAGE = "必须是最多两位小数的非负数, 如 \"7.5\" / must be a non-negative decimal with at most two decimals, like \"7.5\"";
    public static final String CODE = "^[A-Z][A-Z0-9_]{0,19}$";
    public static final String CODE_MESSAGE = "必须由大写字母开头, 仅含大写字母、数字、下划线, 最长 20 / must start with an upper-case letter and contain only A-Z, 0-9 and _, at most 20";
    public static final String TEXT = "^[^\\u0000-\\u001f]+$";
    public static final String TEXT_MESSAGE = "不能包含控制字符 / must not contain control characters";

    private RuleSetDtos() {}

    public record Definition(
            @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid Dimension> dimensions,
            @NotNull @Size(max = 50) List<@NotNull @Valid AdjustmentRule> bonuses,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String bonusTotalCap,
            @NotNull @Size(max = 50) List<@NotNull @Valid AdjustmentRule> deductions,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String deductionTotalCap,
            @NotNull @Size(max = 50) List<@NotNull @Valid VetoRule> vetoes,
            @NotNull @Valid Weights weights,
            @NotNull @Valid Stars stars,
            @Valid StarGuide starGuide,
            @Valid Grading grading) {

        /** The grading section for the engine: the default (thresholds 90/80/60) when absent. */
        public bastion.engine.GradingEngine.Rules gradingRules() {
            return grading == null ? bastion.engine.GradingEngine.DEFAULT : grading.toEngine();
        }

        /** The engine's view of this definition, quoting {@code label} as its version. */
        public RuleSet toEngine(String label) {
            return new RuleSet(label,
                    dimensions.stream().map(d -> new RuleSet.Dimension(d.code(), d.name(), d.indicators().stream()
                            .map(i -> new RuleSet.Indicator(i.code(), i.name(), new BigDecimal(i.max()), i.description(),
                                    i.appliesTo() == null ? List.of() : i.appliesTo()))
                            .toList())).toList(),
                    bonuses.stream().map(AdjustmentRule::toEngine).toList(),
                    new BigDecimal(bonusTotalCap),
                    deductions.stream().map(AdjustmentRule::toEngine).toList(),
                    new BigDecimal(deductionTotalCap),
                    vetoes.stream().map(v -> new RuleSet.Veto(v.code(), v.name())).toList(),
                    new RuleSet.Weights(new BigDecimal(weights.assessment()), new BigDecimal(weights.members()),
                            new BigDecimal(weights.masses())),
                    new RuleSet.StarThresholds(new BigDecimal(stars.five()), new BigDecimal(stars.four()),
                            new BigDecimal(stars.three()), new BigDecimal(stars.two())));
        }
    }

    public record Dimension(
            @NotNull @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String name,
            @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Indicator> indicators) {}

    public record Indicator(
            @NotNull @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String name,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String max,
            @Size(max = 1000) String description,
            @Size(max = 2) List<@NotNull @Pattern(regexp = "^(VILLAGE|COMMUNITY)$", message = "必须是 VILLAGE 或 COMMUNITY / must be VILLAGE or COMMUNITY") String> appliesTo) {}

    public record AdjustmentRule(
            @NotNull @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String name,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String itemCap) {

        RuleSet.Adjustment toEngine() {
            return new RuleSet.Adjustment(code, name, new BigDecimal(itemCap));
        }
    }

    public record VetoRule(
            @NotNull @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String name) {}

    public record Weights(
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String assessment,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String members,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String masses) {}

    public record Stars(
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String five,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String four,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String three,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String two) {}

    public record StarGuide(
            @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String five,
            @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String four) {}

    /**
     * The optional grading section (issue 6): the method and its numbers. Absent means thresholds
     * 90 / 80 / 60; rule sets stored without it keep their stored JSON unchanged.
     */
    public record Grading(
            @NotNull @Pattern(regexp = "^(THRESHOLDS|RELATIVE)$", message = "必须是 THRESHOLDS 或 RELATIVE / must be THRESHOLDS or RELATIVE") String method,
            @Valid GradingCuts thresholds,
            @Valid GradingCuts relative) {

        public bastion.engine.GradingEngine.Rules toEngine() {
            return new bastion.engine.GradingEngine.Rules(bastion.engine.GradingEngine.Method.valueOf(method),
                    thresholds == null ? null : thresholds.toEngine(), relative == null ? null : relative.toEngine());
        }
    }

    public record GradingCuts(
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String good,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String fairlyGood,
            @NotNull @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String average) {

        bastion.engine.GradingEngine.Cuts toEngine() {
            return new bastion.engine.GradingEngine.Cuts(new BigDecimal(good), new BigDecimal(fairlyGood), new BigDecimal(average));
        }
    }

    public record RuleSetInput(
            @NotNull @Min(1) Long jurisdictionId,
            @NotNull @Min(2000) @Max(2100) Integer year,
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String name,
            @NotNull @Valid Definition definition) {}

    public record RuleSetUpdate(
            @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String name,
            @NotNull @Valid Definition definition) {}

    public record RuleSetView(long id, String label, int versionNumber, OrganizationRef jurisdiction, int year, String name,
            String status, Long basedOnId, long revision, Definition definition) {}

    public record ValidationReport(boolean valid, List<bastion.common.Problem.FieldError> errors, Map<String, String> totalMax) {}
}

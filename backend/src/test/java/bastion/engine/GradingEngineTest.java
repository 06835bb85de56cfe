package bastion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.engine.GradingEngine.Cuts;
import bastion.engine.GradingEngine.GradeClass;
import bastion.engine.GradingEngine.Input;
import bastion.engine.GradingEngine.Method;
import bastion.engine.GradingEngine.Movement;
import bastion.engine.GradingEngine.Outcome;
import bastion.engine.GradingEngine.Rules;
import bastion.engine.GradingEngine.Status;
import bastion.engine.GradingEngine.Tier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-worked cases of grading (DOMAIN §6, docs/decisions/0011-grading.md), one boundary at a time. */
class GradingEngineTest {

    private static final Rules RELATIVE_15_35_40 = new Rules(Method.RELATIVE, null, cuts("15", "35", "40"));

    private static Cuts cuts(String good, String fairly, String average) {
        return new Cuts(new BigDecimal(good), new BigDecimal(fairly), new BigDecimal(average));
    }

    private static Input input(long id, String index) {
        return new Input(id, "231202", new BigDecimal(index), true, false, false, null);
    }

    private static Outcome one(Rules rules, Input in) {
        List<Outcome> out = GradingEngine.grade(rules, List.of(in));
        assertEquals(1, out.size());
        return out.getFirst();
    }

    @ParameterizedTest(name = "official index {0} → {1}")
    @CsvSource({
        "100.0, GOOD", "90.0, GOOD", "89.9, FAIRLY_GOOD", "80.0, FAIRLY_GOOD", "79.9, AVERAGE", "60.0, AVERAGE", "59.9, POOR",
        "0.0, POOR"})
    void defaultThresholdsAtEachBoundary(String index, Tier expected) {
        Outcome o = one(null, input(1, index));
        assertEquals(expected, o.tier());
        assertEquals(Status.GRADED, o.status());
        assertEquals(GradingEngine.classOf(expected), o.gradeClass());
        assertNull(o.rank());
        assertFalse(o.poorByOverride());
    }

    @ParameterizedTest(name = "thresholds 85/70/50: {0} → {1}")
    @CsvSource({"85.0, GOOD", "84.9, FAIRLY_GOOD", "70.0, FAIRLY_GOOD", "69.9, AVERAGE", "50.0, AVERAGE", "49.9, POOR"})
    void thresholdsFromTheRuleSet(String index, Tier expected) {
        assertEquals(expected, one(new Rules(Method.THRESHOLDS, cuts("85", "70", "50"), null), input(1, index)).tier());
    }

    @ParameterizedTest(name = "index {0}, complete {1}, lagging {2}, veto {3} → {4} {5}")
    @CsvSource({
        "95.0, true,  true,  false, POOR, GRADED",
        "95.0, true,  false, true,  POOR, GRADED",
        "95.0, true,  true,  true,  POOR, GRADED",
        "95.0, false, true,  false, POOR, GRADED",     // incomplete but lagging: POOR, graded
        "40.0, false, false, true,  POOR, GRADED",     // incomplete but vetoed: POOR, graded
        "95.0, false, false, false, ,     INCOMPLETE", // incomplete: no tier, never silently graded
        "12.0, false, false, false, ,     INCOMPLETE"})
    void laggingAndVetoOverridesIncludingIncomplete(String index, boolean complete, boolean lagging, boolean vetoed, Tier tier,
            Status status) {
        for (Rules rules : new Rules[] {GradingEngine.DEFAULT, RELATIVE_15_35_40}) {
            Outcome o = one(rules, new Input(7, "231202", new BigDecimal(index), complete, vetoed, lagging, Tier.GOOD));
            assertEquals(tier, o.tier());
            assertEquals(status, o.status());
            assertEquals(lagging || vetoed, o.poorByOverride());
            assertEquals(tier == null ? null : GradeClass.BACKWARD, o.gradeClass());
            assertEquals(tier == null ? Movement.NONE : Movement.DOWN, o.movement());
            assertNull(o.rank(), "overridden and incomplete organisations are not ranked");
        }
    }

    /** Relative 15/35/40 by rank r of N: GOOD r ≤ 0.15 N, FAIRLY_GOOD r ≤ 0.5 N, AVERAGE r ≤ 0.9 N. */
    @ParameterizedTest(name = "N = {0}: {1}")
    @CsvSource({
        // N = 1: 1 > 0.9 → POOR (the rule as written: with one ranked organisation, it is in the 10 % rest)
        "1, 'POOR'",
        // N = 3: GOOD r ≤ 0.45 none; FAIRLY_GOOD r ≤ 1.5 → 1; AVERAGE r ≤ 2.7 → 2; 3 POOR
        "3, 'FAIRLY_GOOD AVERAGE POOR'",
        // N = 7: GOOD r ≤ 1.05 → 1; FAIRLY_GOOD r ≤ 3.5 → 2, 3; AVERAGE r ≤ 6.3 → 4, 5, 6; 7 POOR
        "7, 'GOOD FAIRLY_GOOD FAIRLY_GOOD AVERAGE AVERAGE AVERAGE POOR'",
        // N = 20: GOOD r ≤ 3; FAIRLY_GOOD r ≤ 10; AVERAGE r ≤ 18; 19, 20 POOR (exactly at each boundary)
        "20, 'GOOD GOOD GOOD FAIRLY_GOOD FAIRLY_GOOD FAIRLY_GOOD FAIRLY_GOOD FAIRLY_GOOD FAIRLY_GOOD FAIRLY_GOOD AVERAGE AVERAGE AVERAGE AVERAGE AVERAGE AVERAGE AVERAGE AVERAGE POOR POOR'"})
    void relativeMethodWithSmallN(int n, String expected) {
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs.add(input(i + 1, BigDecimal.valueOf(1000 - i * 10L, 1).toPlainString()));   // 100.0, 99.0, ... distinct
        }
        List<Outcome> out = GradingEngine.grade(RELATIVE_15_35_40, inputs);
        assertEquals(expected, out.stream().map(o -> o.tier().name()).collect(Collectors.joining(" ")));
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, out.get(i).rank());
            assertEquals(n, out.get(i).ranked());
        }
    }

    @Test
    void relativeTiesAtABoundaryAllTakeTheHigherTier() {
        // N = 20, GOOD up to rank 3: indices 99, 98, then four tied at 97 (ranks 3, 3, 3, 3) → all four GOOD;
        // the next (rank 7) FAIRLY_GOOD. FAIRLY_GOOD up to rank 10: three tied at rank 9 (9, 9, 9) → all FAIRLY_GOOD, even the
        // 11th position; then rank 12 AVERAGE ... AVERAGE up to 18: two tied at rank 18 → AVERAGE; rank 20 POOR.
        String[] indices = {"99", "98", "97", "97", "97", "97", "96", "95", "94", "94", "94", "93", "92", "91", "90", "89", "88", "87", "87", "10"};
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < indices.length; i++) {
            inputs.add(input(i + 1, indices[i]));
        }
        List<Outcome> out = GradingEngine.grade(RELATIVE_15_35_40, inputs);
        int[] ranks = out.stream().mapToInt(Outcome::rank).toArray();
        assertEquals(List.of(1, 2, 3, 3, 3, 3, 7, 8, 9, 9, 9, 12, 13, 14, 15, 16, 17, 18, 18, 20),
                java.util.Arrays.stream(ranks).boxed().toList());
        assertEquals("GOOD GOOD GOOD GOOD GOOD GOOD FAIRLY_GOOD FAIRLY_GOOD FAIRLY_GOOD FAIRLY_GOOD FAIRLY_GOOD AVERAGE AVERAGE AVERAGE "
                + "AVERAGE AVERAGE AVERAGE AVERAGE AVERAGE POOR", out.stream().map(o -> o.tier().name()).collect(Collectors.joining(" ")));
    }

    @Test
    void relativeRanksPerCountyAndLeavesOutLaggingVetoedAndIncomplete() {
        // county A: 3 ranked (the lagging 99 and the incomplete 98 are not ranked) → FAIRLY_GOOD, AVERAGE, POOR as N = 3;
        // county B: 1 ranked → POOR (N = 1)
        List<Input> inputs = List.of(
                new Input(1, "A", new BigDecimal("99.0"), true, false, true, null),
                new Input(2, "A", new BigDecimal("98.0"), false, false, false, null),
                new Input(3, "A", new BigDecimal("70.0"), true, false, false, null),
                new Input(4, "B", new BigDecimal("95.0"), true, false, false, null),
                new Input(5, "A", new BigDecimal("80.0"), true, false, false, null),
                new Input(6, "A", new BigDecimal("60.0"), true, false, false, null),
                new Input(7, "A", new BigDecimal("97.0"), true, true, false, null));
        List<Outcome> out = GradingEngine.grade(RELATIVE_15_35_40, inputs);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), out.stream().map(Outcome::id).toList());
        assertEquals(Tier.POOR, out.get(0).tier());
        assertNull(out.get(1).tier());
        assertEquals(Tier.AVERAGE, out.get(2).tier());
        assertEquals(2, out.get(2).rank());
        assertEquals(3, out.get(2).ranked());
        assertEquals(Tier.POOR, out.get(3).tier());
        assertEquals(1, out.get(3).ranked());
        assertEquals(Tier.FAIRLY_GOOD, out.get(4).tier());
        assertEquals(Tier.POOR, out.get(5).tier());
        assertEquals(Tier.POOR, out.get(6).tier());
        assertTrue(out.get(6).poorByOverride());
    }

    @Test
    void relativeAllTiedGetRankOneAndTheTopTier() {
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            inputs.add(input(i + 1, "85.0"));
        }
        // rank 1 of 7: 100 ≤ 7 × 15 = 105 → GOOD for all
        assertTrue(GradingEngine.grade(RELATIVE_15_35_40, inputs).stream().allMatch(o -> o.tier() == Tier.GOOD && o.rank() == 1));
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
        "POOR, AVERAGE, UP", "AVERAGE, GOOD, UP", "GOOD, GOOD, SAME", "POOR, POOR, SAME", "GOOD, FAIRLY_GOOD, DOWN",
        "FAIRLY_GOOD, POOR, DOWN", ", GOOD, NONE", "GOOD, , NONE", ", , NONE"})
    void movement(Tier previous, Tier now, Movement expected) {
        assertEquals(expected, GradingEngine.movement(previous, now));
    }

    @Test
    void movementOfANewOrganisationIsNoneAndOfAMergedOneFollowsItsId() {
        // organisation 1 is new this year (no previous tier); organisation 2 was merged (its code revoked and a new one issued),
        // its stable id carries last year's tier: AVERAGE → GOOD is UP
        List<Outcome> out = GradingEngine.grade(null, List.of(
                new Input(1, "A", new BigDecimal("91.0"), true, false, false, null),
                new Input(2, "A", new BigDecimal("91.0"), true, false, false, Tier.AVERAGE),
                new Input(3, "A", new BigDecimal("50.0"), false, false, false, Tier.GOOD)));
        assertEquals(Movement.NONE, out.get(0).movement());
        assertEquals(Movement.UP, out.get(1).movement());
        assertEquals(Tier.AVERAGE, out.get(1).previousTier());
        assertEquals(Movement.NONE, out.get(2).movement(), "no tier now (incomplete): no movement");
    }

    @Test
    void threeClasses() {
        assertEquals(GradeClass.ADVANCED, GradingEngine.classOf(Tier.GOOD));
        assertEquals(GradeClass.MIDDLE, GradingEngine.classOf(Tier.FAIRLY_GOOD));
        assertEquals(GradeClass.MIDDLE, GradingEngine.classOf(Tier.AVERAGE));
        assertEquals(GradeClass.BACKWARD, GradingEngine.classOf(Tier.POOR));
        assertNull(GradingEngine.classOf(null));
    }

    @Test
    void validationNamesEachField() {
        assertEquals(List.of(), GradingEngine.validate(GradingEngine.DEFAULT));
        assertEquals(List.of(), GradingEngine.validate(RELATIVE_15_35_40));
        assertEquals(List.of(), GradingEngine.validate(new Rules(Method.RELATIVE, null, cuts("0", "0", "100"))));
        assertEquals(List.of("grading.thresholds.fairlyGood"), fields(new Rules(Method.THRESHOLDS, cuts("80", "80", "60"), null)));
        assertEquals(List.of("grading.thresholds.average"), fields(new Rules(Method.THRESHOLDS, cuts("90", "80", "85"), null)));
        assertEquals(List.of("grading.thresholds.good"), fields(new Rules(Method.THRESHOLDS, cuts("100.01", "80", "60"), null)));
        assertEquals(List.of("grading.thresholds.average"), fields(new Rules(Method.THRESHOLDS, cuts("90", "80", "0"), null)));
        assertEquals(List.of(), fields(new Rules(Method.THRESHOLDS, cuts("100", "80", "0.01"), null)));
        assertEquals(List.of("grading.relative"), fields(new Rules(Method.RELATIVE, null, cuts("50", "30", "20.01"))));
        assertEquals(List.of("grading.relative"), fields(new Rules(Method.RELATIVE, null, null)));
        assertEquals(List.of("grading.thresholds"), fields(new Rules(Method.THRESHOLDS, null, null)));
    }

    private static List<String> fields(Rules rules) {
        return GradingEngine.validate(rules).stream().map(Violation::field).toList();
    }

    @Test
    void weakestDimensionsFromTheExplanation() {
        RuleSet rules = RuleSets.defaults();
        java.util.Map<String, BigDecimal> scores = new java.util.HashMap<>();
        for (RuleSet.Dimension d : rules.dimensions()) {
            for (RuleSet.Indicator i : d.indicators()) {
                scores.put(i.code(), i.max());
            }
        }
        RuleSet.Dimension second = rules.dimensions().get(1);
        RuleSet.Dimension last = rules.dimensions().getLast();
        second.indicators().forEach(i -> scores.put(i.code(), BigDecimal.ZERO));
        scores.remove(last.indicators().getFirst().code());   // missing counts 0
        FortressResult r = FortressIndexEngine.compute(rules, new Scorecard(scores, null, null, List.of(), List.of(), List.of()));
        List<GradingEngine.DimensionShare> weak = GradingEngine.weakestDimensions(r.explanation(), 2);
        assertEquals(List.of(second.code(), last.code()), weak.stream().map(GradingEngine.DimensionShare::code).toList());
        assertEquals(0, weak.getFirst().share().signum());
    }
}

package bastion.engine;

import static bastion.engine.RuleSets.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.engine.FortressResult.Term;
import bastion.engine.Scorecard.AppliedAdjustment;
import bastion.engine.Scorecard.AppliedVeto;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases worked by hand from DOMAIN.md §4 with the default rule set (indicator maxima sum to 100). */
class FortressIndexEngineTest {

    private final RuleSet rules = RuleSets.defaults();

    /** Every indicator at its maximum, less {@code lost} points taken from the last indicators first. */
    private static Map<String, BigDecimal> scores(String lost) {
        Map<String, BigDecimal> s = new HashMap<>();
        BigDecimal rest = d(lost);
        List<RuleSet.Indicator> indicators = RuleSets.defaults().indicators().reversed();
        for (RuleSet.Indicator i : indicators) {
            BigDecimal taken = rest.min(i.max());
            s.put(i.code(), i.max().subtract(taken));
            rest = rest.subtract(taken);
        }
        return s;
    }

    private static Scorecard card(Map<String, BigDecimal> scores, String members, String masses) {
        return new Scorecard(scores, ev(members), ev(masses), List.of(), List.of(), List.of());
    }

    /** An evaluation whose satisfaction rate is exactly {@code percent}, e.g. 85.75 → 8575 of 10000. */
    static Scorecard.Evaluation ev(String percent) {
        if (percent == null) {
            return null;
        }
        BigDecimal p = d(percent);
        long scale = BigDecimal.TEN.pow(Math.max(p.scale(), 0)).longValueExact();
        return new Scorecard.Evaluation(100 * scale, p.movePointRight(Math.max(p.scale(), 0)).longValueExact());
    }

    private static void assertDecimal(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual.toPlainString());
    }

    private static BigDecimal termSum(FortressResult r) {
        return r.explanation().terms().stream().map(Term::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @ParameterizedTest(name = "lost {0}, members {1}, masses {2} → {3} ({4}★)")
    @CsvSource({
            // lost points, members %, masses %, exact index, stars
            "0,   100, 100, 100,   5",
            "20,  90,  85,  83,    3",   // 0.6×80 + 0.2×90 + 0.2×85 = 48 + 18 + 17
            "0,   95,  80,  95,    5",   // 60 + 19 + 16 = 95 → five stars at exactly 95
            "2.5, 90,  90,  94.5,  4",   // 0.6×97.5 = 58.5; + 18 + 18
            "40,  50,  50,  56,    1",   // 36 + 10 + 10
            "25,  75,  75,  75,    3",   // 45 + 15 + 15: three stars at exactly 75
            "33.5, 60, 60,  63.9,  2",   // 0.6×66.5 = 39.9; + 12 + 12
    })
    void indexFromScoresAndSatisfaction(String lost, String members, String masses, String expected, int stars) {
        FortressResult r = FortressIndexEngine.compute(rules, card(scores(lost), members, masses));
        assertDecimal(expected, r.exactIndex());
        assertEquals(stars, r.stars());
        assertTrue(r.complete());
        assertFalse(r.vetoed());
        assertEquals("default-2026.1", r.ruleSetVersion());
        assertEquals(0, termSum(r).compareTo(r.exactIndex()));
    }

    @Test
    void roundingOnlyAtTheEndHalfUp() {
        Map<String, BigDecimal> s = scores("15.75");            // verified total 84.25 → assessment 84.25
        FortressResult up = FortressIndexEngine.compute(rules, card(s, "85.75", "86.25"));
        // 0.6×84.25 = 50.55; 0.2×85.75 = 17.15; 0.2×86.25 = 17.25 → 84.95 exactly
        assertDecimal("84.95", up.exactIndex());
        assertEquals(d("85.0"), up.officialIndex());
        assertEquals(4, up.stars(), "stars follow the official (rounded) index");

        FortressResult down = FortressIndexEngine.compute(rules, card(s, "85.75", "86.2"));
        assertDecimal("84.94", down.exactIndex());
        assertEquals(d("84.9"), down.officialIndex());
        assertEquals(3, down.stars());
    }

    @Test
    void bonusesAreCappedPerItemAndInTotal() {
        Scorecard c = new Scorecard(scores("20"), ev("90"), ev("85"),
                List.of(new AppliedAdjustment("X1", d("4"), "省级先进基层党组织"),
                        new AppliedAdjustment("X2", d("1.5"), "经验在全市推广")),
                List.of(), List.of());
        FortressResult r = FortressIndexEngine.compute(rules, c);
        // 83 + min(4, 3) + 1.5 = 87.5, but the bonus total is capped at 4 → 87
        assertDecimal("87", r.exactIndex());
        var x1 = r.explanation().bonuses().getFirst();
        assertDecimal("4", x1.requested());
        assertDecimal("3", x1.counted());
        Term cap = r.explanation().terms().stream().filter(t -> t.kind() == Term.Kind.BONUS_CAP).findFirst().orElseThrow();
        assertDecimal("-0.5", cap.value());
        assertEquals(4, r.stars());
    }

    @Test
    void deductionsSumPerItemAndAreCappedPerItem() {
        Scorecard c = new Scorecard(scores("20"), ev("90"), ev("85"), List.of(),
                List.of(new AppliedDeduction("N1", "3", "党员违纪 1 人"), new AppliedDeduction("N1", "4", "党员违纪 2 人"),
                        new AppliedDeduction("N2", "2", "越级上访")).stream().map(AppliedDeduction::toApplied).toList(),
                List.of());
        FortressResult r = FortressIndexEngine.compute(rules, c);
        // 83 − min(7, 5) − 2 = 76
        assertDecimal("76", r.exactIndex());
        assertEquals(2, r.explanation().deductions().size());
        assertEquals(List.of("党员违纪 1 人", "党员违纪 2 人"), r.explanation().deductions().getFirst().reasons());
        assertEquals(3, r.stars());
    }

    @Test
    void deductionTotalCap() {
        Scorecard c = new Scorecard(scores("20"), ev("90"), ev("85"), List.of(),
                List.of(new AppliedAdjustment("N1", d("5"), "a"), new AppliedAdjustment("N2", d("3"), "b"),
                        new AppliedAdjustment("N3", d("5"), "c")),
                List.of());
        FortressResult r = FortressIndexEngine.compute(rules, c);
        // 5 + 3 + 5 = 13 points off, capped at 10 → 73
        assertDecimal("73", r.exactIndex());
        assertEquals(0, termSum(r).compareTo(r.exactIndex()));
    }

    @Test
    void vetoIsReportedAndTheIndexStillExplained() {
        Scorecard c = new Scorecard(scores("0"), ev("100"), ev("100"), List.of(), List.of(),
                List.of(new AppliedVeto("V1", "村支书受到开除党籍处分")));
        FortressResult r = FortressIndexEngine.compute(rules, c);
        assertTrue(r.vetoed());
        assertDecimal("100", r.exactIndex());
        assertEquals("村支书受到开除党籍处分", r.explanation().vetoes().getFirst().reason());
    }

    @Test
    void missingScoresCountZeroAndMakeTheResultIncomplete() {
        Map<String, BigDecimal> s = scores("0");
        s.remove("S2");
        FortressResult r = FortressIndexEngine.compute(rules, card(s, "90", null));
        // 0.6×90 + 0.2×90 + 0 = 72
        assertDecimal("72", r.exactIndex());
        assertFalse(r.complete());
        assertEquals(List.of("S2", "masses"), r.missing());
        assertTrue(r.explanation().indicators().stream().anyMatch(l -> l.code().equals("S2") && l.verified() == null));
    }

    @Test
    void clampedAtZero() {
        Map<String, BigDecimal> zero = new HashMap<>();
        rules.indicators().forEach(i -> zero.put(i.code(), BigDecimal.ZERO));
        Scorecard c = new Scorecard(zero, ev("5"), ev("0"), List.of(),
                List.of(new AppliedAdjustment("N1", d("5"), "a"), new AppliedAdjustment("N3", d("5"), "b")), List.of());
        FortressResult r = FortressIndexEngine.compute(rules, c);
        // 0 + 1 + 0 − 10 = −9 → 0
        assertDecimal("-9", r.explanation().unclampedIndex());
        assertDecimal("0", r.exactIndex());
        assertEquals(d("0.0"), r.officialIndex());
        assertEquals(1, r.stars());
        assertEquals(0, termSum(r).compareTo(BigDecimal.ZERO));
    }

    @Test
    void clampedAtHundred() {
        Scorecard c = new Scorecard(scores("0"), ev("100"), ev("100"),
                List.of(new AppliedAdjustment("X1", d("3"), "a")), List.of(), List.of());
        FortressResult r = FortressIndexEngine.compute(rules, c);
        assertDecimal("103", r.explanation().unclampedIndex());
        assertDecimal("100", r.exactIndex());
        assertEquals(d("100.0"), r.officialIndex());
    }

    @Test
    void nonTerminatingAssessmentStaysExactWhereTheWeightedPartTerminates() {
        RuleSet ninety = new RuleSet("n", List.of(new RuleSet.Dimension("A", "a", List.of(RuleSets.ind("A1", "90")))),
                List.of(), d("0"), List.of(), d("0"), List.of(), new RuleSet.Weights(d("0.6"), d("0.2"), d("0.2")),
                new RuleSet.StarThresholds(d("95"), d("85"), d("75"), d("60")));
        FortressResult r = FortressIndexEngine.compute(ninety, card(Map.of("A1", d("30")), "0", "0"));
        assertDecimal("20", r.exactIndex());                      // 0.6 × 100 × 30 / 90
        assertTrue(r.explanation().assessment().toPlainString().startsWith("33.3333333333"));
    }

    @Test
    void paperTotalsGiveExactWeightedParts() {
        // 2 of 3 satisfied: 66.66…%, weighted 0.2 × 100 × 2 / 3 = 13.33…; with 97 of 100 assessment points
        Scorecard c = new Scorecard(scores("3"), new Scorecard.Evaluation(3, 2), new Scorecard.Evaluation(3, 3), List.of(), List.of(), List.of());
        FortressResult r = FortressIndexEngine.compute(rules, c);
        // 58.2 + 13.333… + 20 = 91.533… → 91.5
        assertEquals(d("91.5"), r.officialIndex());
        assertTrue(r.exactIndex().toPlainString().startsWith("91.53333333333"));
    }

    @Test
    void invalidScorecardsAreRefusedWithTheField() {
        Map<String, BigDecimal> s = scores("0");
        s.put("L1", d("8.5"));
        s.put("ZZ", d("1"));
        Scorecard c = new Scorecard(s, new Scorecard.Evaluation(10, 11), new Scorecard.Evaluation(0, 0),
                List.of(new AppliedAdjustment("X9", d("0"), " ")), List.of(),
                List.of(new AppliedVeto("V1", "")));
        List<Violation> v = Validation.scorecard(rules, c);
        List<String> fields = v.stream().map(Violation::field).sorted().toList();
        assertEquals(List.of("bonuses[0].code", "bonuses[0].points", "bonuses[0].reason", "masses.respondents",
                "members.satisfied", "verifiedScores.L1", "verifiedScores.ZZ", "vetoes[0].reason"), fields);
        assertThrows(IllegalArgumentException.class, () -> FortressIndexEngine.compute(rules, c));
    }

    /** Shorthand for a deduction in the table above. */
    private record AppliedDeduction(String code, String points, String reason) {
        AppliedAdjustment toApplied() {
            return new AppliedAdjustment(code, d(points), reason);
        }
    }
}

package bastion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.engine.Scorecard.AppliedAdjustment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the fortress index over random scorecards of the default rule set. */
class FortressIndexPropertiesTest {

    private static final RuleSet RULES = RuleSets.defaults();
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Provide
    Arbitrary<Scorecard> scorecards() {
        List<RuleSet.Indicator> indicators = RULES.indicators();
        Arbitrary<List<BigDecimal>> fractions = Arbitraries.integers().between(0, 1000)
                .map(i -> BigDecimal.valueOf(i, 3)).list().ofSize(indicators.size());
        Arbitrary<Scorecard.Evaluation> rate = Arbitraries.integers().between(1, 500)
                .flatMap(n -> Arbitraries.integers().between(0, n).map(k -> new Scorecard.Evaluation(n, k)))
                .injectNull(0.1);
        Arbitrary<List<AppliedAdjustment>> bonuses = adjustment(List.of("X1", "X2"));
        Arbitrary<List<AppliedAdjustment>> deductions = adjustment(List.of("N1", "N2", "N3"));
        Arbitrary<Boolean> present = Arbitraries.integers().between(0, 9).map(i -> i > 0);
        return Combinators.combine(fractions, rate, rate, bonuses, deductions, present.list().ofSize(indicators.size()))
                .as((f, members, masses, b, d, keep) -> {
                    Map<String, BigDecimal> scores = new HashMap<>();
                    for (int i = 0; i < indicators.size(); i++) {
                        if (keep.get(i)) {
                            scores.put(indicators.get(i).code(), indicators.get(i).max().multiply(f.get(i)).setScale(2, RoundingMode.DOWN));
                        }
                    }
                    return new Scorecard(scores, members, masses, b, d, List.of());
                });
    }

    private static Arbitrary<List<AppliedAdjustment>> adjustment(List<String> codes) {
        return Combinators.combine(Arbitraries.of(codes), Arbitraries.integers().between(1, 80).map(i -> BigDecimal.valueOf(i, 1)))
                .as((code, points) -> new AppliedAdjustment(code, points, "reason"))
                .list().ofMaxSize(4);
    }

    @Property
    void indexIsWithinZeroAndHundred(@ForAll("scorecards") Scorecard card) {
        FortressResult r = FortressIndexEngine.compute(RULES, card);
        assertTrue(r.exactIndex().signum() >= 0 && r.exactIndex().compareTo(HUNDRED) <= 0, r.exactIndex().toPlainString());
        assertTrue(r.stars() >= 1 && r.stars() <= 5);
    }

    @Property
    void explanationAddsUpToTheIndexExactly(@ForAll("scorecards") Scorecard card) {
        FortressResult r = FortressIndexEngine.compute(RULES, card);
        BigDecimal sum = r.explanation().terms().stream().map(FortressResult.Term::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, sum.compareTo(r.exactIndex()));
        assertEquals(r.exactIndex().setScale(1, RoundingMode.HALF_UP), r.officialIndex());
        BigDecimal verified = r.explanation().indicators().stream().map(l -> l.verified() == null ? BigDecimal.ZERO : l.verified())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, verified.compareTo(r.explanation().verifiedTotal()));
        assertEquals(r.complete(), r.missing().isEmpty());
    }

    /** The list path (totals computed by SQL) gives exactly the index of the explained path. */
    @Property
    void theIndexFromTotalsIsTheExplainedIndex(@ForAll("scorecards") Scorecard card) {
        FortressResult full = FortressIndexEngine.compute(RULES, card);
        Map<String, BigDecimal> bonus = new java.util.TreeMap<>();
        card.bonuses().forEach(b -> bonus.merge(b.code(), b.points(), BigDecimal::add));
        Map<String, BigDecimal> deduction = new java.util.TreeMap<>();
        card.deductions().forEach(d -> deduction.merge(d.code(), d.points(), BigDecimal::add));
        BigDecimal total = card.verifiedScores().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        FortressIndexEngine.Index fast = FortressIndexEngine.index(RULES, new FortressIndexEngine.Totals(total,
                card.verifiedScores().size(), card.members(), card.masses(), bonus, deduction, !card.vetoes().isEmpty()));
        assertEquals(0, full.exactIndex().compareTo(fast.exactIndex()));
        assertEquals(full.officialIndex(), fast.officialIndex());
        assertEquals(full.stars(), fast.stars());
        assertEquals(full.complete(), fast.complete());
        assertEquals(full.vetoed(), fast.vetoed());
    }

    @Property
    void raisingAVerifiedScoreNeverLowersTheIndex(@ForAll("scorecards") Scorecard card,
            @ForAll @IntRange(min = 0, max = 12) int which, @ForAll @IntRange(min = 1, max = 100) int percent) {
        RuleSet.Indicator indicator = RULES.indicators().get(which);
        BigDecimal before = card.verifiedScores().getOrDefault(indicator.code(), BigDecimal.ZERO);
        BigDecimal raised = before.add(indicator.max().subtract(before).multiply(BigDecimal.valueOf(percent, 2)))
                .setScale(2, RoundingMode.DOWN);
        Map<String, BigDecimal> scores = new HashMap<>(card.verifiedScores());
        scores.put(indicator.code(), raised);
        Scorecard higher = new Scorecard(scores, card.members(), card.masses(), card.bonuses(),
                card.deductions(), new ArrayList<>(card.vetoes()));
        assertTrue(FortressIndexEngine.compute(RULES, higher).exactIndex()
                .compareTo(FortressIndexEngine.compute(RULES, card).exactIndex()) >= 0);
    }
}

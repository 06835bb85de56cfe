package bastion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.engine.GradingEngine.Input;
import bastion.engine.GradingEngine.Method;
import bastion.engine.GradingEngine.Outcome;
import bastion.engine.GradingEngine.Rules;
import bastion.engine.GradingEngine.Tier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of grading over random organisations. */
class GradingPropertiesTest {

    private static final Rules RELATIVE = new Rules(Method.RELATIVE, null,
            new GradingEngine.Cuts(new BigDecimal("15"), new BigDecimal("35"), new BigDecimal("40")));

    @Provide
    Arbitrary<List<Input>> organisations() {
        Arbitrary<BigDecimal> index = Arbitraries.integers().between(0, 1000).map(i -> BigDecimal.valueOf(i, 1));
        Arbitrary<Boolean> rare = Arbitraries.integers().between(0, 9).map(i -> i == 0);
        Arbitrary<Tier> previous = Arbitraries.of(Tier.class).injectNull(0.3);
        Arbitrary<String> county = Arbitraries.of("A", "B", "C");
        return Combinators.combine(county, index, rare, rare, rare, previous)
                .as((c, i, incomplete, vetoed, lagging, p) -> new Input(0, c, i, !incomplete, vetoed, lagging, p))
                .list().ofMinSize(0).ofMaxSize(60)
                .map(list -> {
                    List<Input> out = new ArrayList<>();
                    for (int k = 0; k < list.size(); k++) {
                        Input in = list.get(k);
                        out.add(new Input(k + 1, in.group(), in.officialIndex(), in.complete(), in.vetoed(), in.lagging(), in.previousTier()));
                    }
                    return out;
                });
    }

    @Property
    void everyOrganisationGetsExactlyOneOutcome(@ForAll("organisations") List<Input> inputs, @ForAll boolean relative) {
        List<Outcome> out = GradingEngine.grade(relative ? RELATIVE : GradingEngine.DEFAULT, inputs);
        assertEquals(inputs.size(), out.size());
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            assertEquals(inputs.get(i).id(), out.get(i).id());
            assertTrue(ids.add(out.get(i).id()));
            Input in = inputs.get(i);
            Outcome o = out.get(i);
            if (in.lagging() || in.vetoed()) {
                assertEquals(Tier.POOR, o.tier(), "lagging or vetoed is POOR whatever its index");
            } else if (!in.complete()) {
                assertEquals(null, o.tier(), "incomplete gets no tier");
            }
            assertEquals(GradingEngine.movement(in.previousTier(), o.tier()), o.movement());
        }
    }

    @Property
    void raisingAnIndexNeverLowersATierByThresholds(@ForAll @IntRange(min = 0, max = 1000) int tenths,
            @ForAll @IntRange(min = 0, max = 1000) int raise) {
        BigDecimal low = BigDecimal.valueOf(tenths, 1);
        BigDecimal high = BigDecimal.valueOf(Math.min(1000, tenths + raise), 1);
        Tier a = GradingEngine.thresholdTier(GradingEngine.DEFAULT_THRESHOLDS, low);
        Tier b = GradingEngine.thresholdTier(GradingEngine.DEFAULT_THRESHOLDS, high);
        assertTrue(b.ordinal() <= a.ordinal(), low + " → " + a + ", " + high + " → " + b);
    }

    @Property
    void relativeTiersFollowTheIndexAndTiesShareATier(@ForAll("organisations") List<Input> inputs) {
        List<Outcome> out = GradingEngine.grade(RELATIVE, inputs);
        Map<Long, Input> byId = new HashMap<>();
        inputs.forEach(i -> byId.put(i.id(), i));
        for (Outcome a : out) {
            for (Outcome b : out) {
                if (a.rank() == null || b.rank() == null || !byId.get(a.id()).group().equals(byId.get(b.id()).group())) {
                    continue;
                }
                int c = byId.get(a.id()).officialIndex().compareTo(byId.get(b.id()).officialIndex());
                if (c == 0) {
                    assertEquals(a.tier(), b.tier());
                    assertEquals(a.rank(), b.rank());
                } else if (c > 0) {
                    assertTrue(a.tier().ordinal() <= b.tier().ordinal());
                    assertTrue(a.rank() < b.rank());
                }
            }
        }
    }

    @Property
    void relativeGoodShareNeverExceedsItsShareWithoutTies(@ForAll @IntRange(min = 1, max = 200) int n) {
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs.add(new Input(i + 1, "A", BigDecimal.valueOf(100000 - i, 3), true, false, false, null));
        }
        long good = GradingEngine.grade(RELATIVE, inputs).stream().filter(o -> o.tier() == Tier.GOOD).count();
        assertTrue(good * 100 <= 15L * n);
        assertTrue((good + 1) * 100 > 15L * n, "as many GOOD as fit");
    }
}

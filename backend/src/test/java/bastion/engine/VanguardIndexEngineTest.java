package bastion.engine;

import static bastion.engine.RuleSets.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bastion.engine.MemberCard.Attendance;
import bastion.engine.Scorecard.AppliedAdjustment;
import bastion.engine.Scorecard.AppliedVeto;
import bastion.engine.VanguardResult.Category;
import bastion.engine.VanguardRules.Item;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases worked by hand from DOMAIN.md §5 with its default items, and properties of the vanguard index. */
class VanguardIndexEngineTest {

    static final VanguardRules RULES = new VanguardRules("vanguard-default",
            List.of(new Item("STUDY", "学习教育", d("20"), Item.Kind.SCORED),
                    new Item("LIFE", "组织生活", d("25"), Item.Kind.ATTENDANCE),
                    new Item("ROLE", "作用发挥", d("25"), Item.Kind.SCORED),
                    new Item("PEER", "党员互评", d("15"), Item.Kind.SCORED),
                    new Item("MASSES", "群众评价", d("15"), Item.Kind.SCORED)),
            List.of(new RuleSet.Adjustment("D_ABSENT", "无故缺席组织生活", d("5")), new RuleSet.Adjustment("D_DUES", "未按时交纳党费", d("5"))),
            d("20"),
            List.of(new RuleSet.Veto("V_SANCTION", "受到党纪处分")),
            new VanguardRules.Thresholds(d("90"), d("70"), d("60")),
            new VanguardRules.Share(1, 3));

    private static MemberCard card(String study, String role, String peer, String masses, int held, int attended) {
        return new MemberCard(Map.of("STUDY", d(study), "ROLE", d(role), "PEER", d(peer), "MASSES", d(masses)),
                new Attendance(held, attended), List.of(), List.of());
    }

    @ParameterizedTest(name = "{0}+{1}+{2}+{3}, attended {5}/{4} → {6} {7}")
    @CsvSource({
            // study, role, peer, masses, held, attended, exact, category
            "20, 25, 15, 15, 12, 12, 100,  EXCELLENT",
            "18, 22, 13, 13, 12, 9,  84.75, QUALIFIED",   // 18+22+13+13 = 66; 25 × 9/12 = 18.75
            "18, 22, 13, 12, 12, 12, 90,   EXCELLENT",    // 65 + 25: exactly 90 is 优秀
            "14, 18, 10, 10, 10, 7,  69.5, BASIC",        // 52 + 17.5 = 69.5 → official 69.5 < 70
            "14, 18, 10, 10, 20, 17, 73.25, QUALIFIED",   // 52 + 21.25
            "12, 15, 8,  8,  12, 6,  55.5, UNQUALIFIED",  // 43 + 12.5
            "12, 15, 9,  9,  12, 9,  63.75, BASIC",       // 45 + 18.75
    })
    void handWorkedCases(String study, String role, String peer, String masses, int held, int attended, String exact, Category category) {
        VanguardResult r = VanguardIndexEngine.compute(RULES, card(study, role, peer, masses, held, attended));
        assertEquals(0, d(exact).compareTo(r.exactIndex()), () -> "exact " + r.exactIndex());
        assertEquals(category, r.category());
        assertTrue(r.complete());
        assertEquals(0, sum(r).compareTo(r.exactIndex()));
    }

    @Test
    void boundariesUseTheOfficialIndex() {
        // 59.95 exact → 60.0 official → 基本合格; 69.94 → 69.9 → 基本合格; 89.95 → 90.0 → 优秀
        assertEquals(Category.BASIC, VanguardIndexEngine.category(RULES.thresholds(), Decimals.official(d("59.95"))));
        assertEquals(Category.UNQUALIFIED, VanguardIndexEngine.category(RULES.thresholds(), Decimals.official(d("59.94"))));
        assertEquals(Category.BASIC, VanguardIndexEngine.category(RULES.thresholds(), Decimals.official(d("69.94"))));
        assertEquals(Category.QUALIFIED, VanguardIndexEngine.category(RULES.thresholds(), d("70.0")));
        assertEquals(Category.EXCELLENT, VanguardIndexEngine.category(RULES.thresholds(), Decimals.official(d("89.95"))));
        // attendance 2 of 3 of 25 points: 16.666…, with 74 other points → 90.666… → 90.7 → 优秀
        VanguardResult r = VanguardIndexEngine.compute(RULES, card("20", "25", "15", "14", 3, 2));
        assertEquals(d("90.7"), r.officialIndex());
        assertEquals(Category.EXCELLENT, r.category());
    }

    @Test
    void deductionsAreCappedPerItemAndAVetoForcesUnqualified() {
        MemberCard c = new MemberCard(Map.of("STUDY", d("20"), "ROLE", d("25"), "PEER", d("15"), "MASSES", d("15")), new Attendance(12, 12),
                List.of(new AppliedAdjustment("D_ABSENT", d("3"), "缺席 3 月党员大会"), new AppliedAdjustment("D_ABSENT", d("4"), "缺席 5 月党课"),
                        new AppliedAdjustment("D_DUES", d("2"), "党费迟交")),
                List.of());
        VanguardResult r = VanguardIndexEngine.compute(RULES, c);
        assertEquals(0, d("93").compareTo(r.exactIndex()));           // 100 − min(7, 5) − 2
        assertEquals(Category.EXCELLENT, r.category());

        MemberCard vetoed = new MemberCard(c.scores(), c.attendance(), List.of(), List.of(new AppliedVeto("V_SANCTION", "党内警告处分")));
        VanguardResult v = VanguardIndexEngine.compute(RULES, vetoed);
        assertEquals(0, d("100").compareTo(v.exactIndex()));
        assertEquals(Category.UNQUALIFIED, v.category());
        assertTrue(v.vetoed());
    }

    @Test
    void missingItemsAndNoMeetingsMakeItIncomplete() {
        VanguardResult r = VanguardIndexEngine.compute(RULES,
                new MemberCard(Map.of("STUDY", d("20")), new Attendance(0, 0), List.of(), List.of()));
        assertFalse(r.complete());
        assertEquals(List.of("LIFE", "ROLE", "PEER", "MASSES"), r.missing());
        assertEquals(0, d("20").compareTo(r.exactIndex()));
    }

    @Test
    void invalidCardsAreRefusedWithTheField() {
        MemberCard bad = new MemberCard(Map.of("STUDY", d("21"), "NOPE", d("1")), new Attendance(4, 5),
                List.of(new AppliedAdjustment("D_X", d("0"), "")), List.of());
        List<String> fields = VanguardIndexEngine.validate(RULES, bad).stream().map(Violation::field).sorted().toList();
        assertEquals(List.of("attendance.attended", "deductions[0].code", "deductions[0].points", "deductions[0].reason", "scores.NOPE",
                "scores.STUDY"), fields);
        assertThrows(IllegalArgumentException.class, () -> VanguardIndexEngine.compute(RULES, bad));
    }

    @Test
    void atMostOneThirdExcellentPerBranch() {
        VanguardResult excellent = VanguardIndexEngine.compute(RULES, card("20", "25", "15", "15", 12, 12));
        VanguardResult qualified = VanguardIndexEngine.compute(RULES, card("18", "22", "13", "13", 12, 9));
        VanguardResult unqualified = VanguardIndexEngine.compute(RULES, card("12", "15", "8", "8", 12, 6));
        // 3 of 9 excellent: exactly one third, allowed
        List<VanguardResult> nine = new ArrayList<>(List.of(excellent, excellent, excellent));
        for (int i = 0; i < 5; i++) {
            nine.add(qualified);
        }
        nine.add(unqualified);
        BranchAppraisal atCap = BranchAppraisal.of(RULES, nine);
        assertFalse(atCap.excellentOverCap());
        assertEquals(3, atCap.counts().get(Category.EXCELLENT));
        assertEquals(1, atCap.warnings());
        // 4 of 10 excellent: over
        List<VanguardResult> ten = new ArrayList<>(nine);
        ten.add(excellent);
        assertTrue(BranchAppraisal.of(RULES, ten).excellentOverCap());
        // 1 of 2 excellent: over (a half)
        assertTrue(BranchAppraisal.of(RULES, List.of(excellent, qualified)).excellentOverCap());
    }

    @Provide
    Arbitrary<MemberCard> cards() {
        Arbitrary<BigDecimal> study = Arbitraries.integers().between(0, 200).map(i -> BigDecimal.valueOf(i, 1));
        Arbitrary<BigDecimal> role = Arbitraries.integers().between(0, 250).map(i -> BigDecimal.valueOf(i, 1));
        Arbitrary<BigDecimal> fifteen = Arbitraries.integers().between(0, 150).map(i -> BigDecimal.valueOf(i, 1));
        Arbitrary<Attendance> attendance = Arbitraries.integers().between(0, 40)
                .flatMap(h -> Arbitraries.integers().between(0, h).map(a -> new Attendance(h, a)));
        Arbitrary<List<AppliedAdjustment>> deductions = Combinators.combine(Arbitraries.of("D_ABSENT", "D_DUES"),
                        Arbitraries.integers().between(1, 80).map(i -> BigDecimal.valueOf(i, 1)))
                .as((code, points) -> new AppliedAdjustment(code, points, "r")).list().ofMaxSize(4);
        return Combinators.combine(study, role, fifteen, fifteen, attendance, deductions)
                .as((s, r, p, m, a, dd) -> new MemberCard(Map.of("STUDY", s, "ROLE", r, "PEER", p, "MASSES", m), a, dd, List.of()));
    }

    @Property
    void indexInRangeAndTermsSumExactly(@ForAll("cards") MemberCard card) {
        VanguardResult r = VanguardIndexEngine.compute(RULES, card);
        assertTrue(r.exactIndex().signum() >= 0 && r.exactIndex().compareTo(Decimals.HUNDRED) <= 0);
        assertEquals(0, sum(r).compareTo(r.exactIndex()));
        assertEquals(Decimals.official(r.exactIndex()), r.officialIndex());
    }

    @Property
    void attendingMoreNeverLowersTheIndex(@ForAll("cards") MemberCard card) {
        Attendance a = card.attendance();
        if (a.attended() == a.held()) {
            return;
        }
        MemberCard more = new MemberCard(card.scores(), new Attendance(a.held(), a.attended() + 1), card.deductions(), card.vetoes());
        assertTrue(VanguardIndexEngine.compute(RULES, more).exactIndex().compareTo(VanguardIndexEngine.compute(RULES, card).exactIndex()) >= 0);
    }

    private static BigDecimal sum(VanguardResult r) {
        return r.terms().stream().map(VanguardResult.Term::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

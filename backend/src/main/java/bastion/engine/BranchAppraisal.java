package bastion.engine;

import bastion.engine.VanguardResult.Category;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * A branch's democratic-appraisal summary: members per category, and the flag when 优秀 exceeds
 * the rules' share (one third: "at most one third", so exactly a third is allowed).
 */
public record BranchAppraisal(Map<Category, Integer> counts, int members, boolean excellentOverCap, int warnings) {

    public static BranchAppraisal of(VanguardRules rules, Collection<VanguardResult> results) {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            counts.put(c, 0);
        }
        results.forEach(r -> counts.merge(r.category(), 1, Integer::sum));
        int members = results.size();
        VanguardRules.Share cap = rules.excellentShareCap();
        boolean over = (long) counts.get(Category.EXCELLENT) * cap.denominator() > (long) members * cap.numerator();
        return new BranchAppraisal(Map.copyOf(counts), members, over, counts.get(Category.UNQUALIFIED));
    }
}

package bastion.scoring;

import bastion.audit.AuditLog;
import bastion.common.Problem;
import bastion.common.ProblemException;
import bastion.cycle.CycleEntity;
import bastion.cycle.CycleService;
import bastion.engine.RuleSet;
import bastion.engine.Scorecard;
import bastion.engine.Validation;
import bastion.rules.RuleSetEntity;
import bastion.rules.RuleSetService;
import bastion.scoring.ScorecardDtos.ScoreItem;
import bastion.scoring.ScorecardDtos.ScorecardInput;
import bastion.scoring.ScorecardDtos.ScorecardView;
import bastion.security.Access;
import bastion.security.Caller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scorecards: read by everyone in scope; written by township officials and county admins while
 * the cycle is OPEN, corrected only by county admins (with a reason, audited) while it is
 * LOCKED, never once PUBLISHED. Writes are optimistic (If-Match) and hold the cycle row shared,
 * so a lock or publication waits for them and no write slips in after it.
 */
@ApplicationScoped
@Transactional
public class ScorecardService {

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Access access;

    @Inject
    CycleService cycles;

    @Inject
    RuleSetService ruleSets;

    @Inject
    FortressService fortress;

    @Inject
    ScorecardRepository repository;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.SUPPORTS)
    public ScorecardView get(long cycleId, long organizationId) {
        CycleEntity cycle = cycles.find(caller.jurisdiction(), cycleId);
        FortressService.Graded g = fortress.requireGraded(caller.jurisdiction(), cycle, organizationId);
        return view(cycle, g, repository.find(cycle.id, g.id()));
    }

    public ScorecardView put(long cycleId, long organizationId, long ifMatch, ScorecardInput input) {
        CycleEntity cycle = cycles.find(caller.jurisdiction(), cycleId);
        FortressService.Graded g = fortress.requireGraded(caller.jurisdiction(), cycle, organizationId);
        String state = (String) em.createNativeQuery("SELECT state FROM cycle WHERE id = :id FOR SHARE")
                .setParameter("id", cycle.id).getSingleResult();
        Access.ScorecardWrite write = access.scorecardWrite(state);
        if (write == Access.ScorecardWrite.NONE) {
            if (!"OPEN".equals(state)) {
                throw ProblemException.conflict(("LOCKED".equals(state)
                        ? "周期已锁定公示, 只有县委组织部可以更正 / The cycle is locked; only county admins may correct"
                        : "周期已发布, 结果不可更改 / The cycle is published; its results never change"), Map.of("state", state));
            }
            throw ProblemException.forbidden("只有乡镇和县委组织部可以填报评分 / Only township officials and county admins enter scores");
        }
        if (write == Access.ScorecardWrite.CORRECTION && input.correctionReason() == null) {
            throw ProblemException.invalid("correctionReason", "公示期间更正必须说明理由 / A correction during the public notice needs a reason");
        }
        RuleSetEntity rulesEntity = RuleSetEntity.findById(cycle.ruleSetId);
        RuleSet rules = ruleSets.engineRules(rulesEntity).forPlaceType(g.placeType());
        validate(rules, input);

        ScorecardRepository.Stored before = repository.find(cycle.id, g.id());
        long current = before == null ? 0 : before.revision();
        if (current != ifMatch) {
            throw ProblemException.stale(view(cycle, g, before));
        }
        long revision = repository.save(cycle.id, g.id(), g.countyCode(), ifMatch, input, caller.username());
        if (revision < 0) {
            em.clear();
            throw ProblemException.stale(view(cycle, g, repository.find(cycle.id, g.id())));
        }
        if (write == Access.ScorecardWrite.CORRECTION) {
            audit.record(caller.username(), "SCORECARD_CORRECTED", g.countyCode(), cycle.id, g.id(), rulesEntity.id,
                    input.correctionReason(), changes(before, input));
        }
        ScorecardRepository.Stored after = repository.find(cycle.id, g.id());
        // the current index, in this transaction: lists of OPEN and LOCKED cycles read it (V3, fortress_current)
        fortress.storeCurrent(cycle.id, rulesEntity.id, rulesEntity.revision, rulesEntity.label, g, after);
        return view(cycle, g, after);
    }

    /** Every problem of the input against the cycle's rule set, each with its field. */
    private static void validate(RuleSet rules, ScorecardInput input) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, RuleSet.Indicator> indicators = rules.indicators().stream()
                .collect(Collectors.toMap(RuleSet.Indicator::code, Function.identity()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < input.items().size(); i++) {
            ScoreItem item = input.items().get(i);
            String path = "items[" + i + "]";
            RuleSet.Indicator indicator = indicators.get(item.indicatorCode());
            if (indicator == null) {
                errors.add(new Problem.FieldError(path + ".indicatorCode", "规则集 " + rules.version() + " 中没有适用于此组织的指标 "
                        + item.indicatorCode() + " / no such indicator for this organisation in rule set " + rules.version()));
                continue;
            }
            if (!seen.add(item.indicatorCode())) {
                errors.add(new Problem.FieldError(path + ".indicatorCode", "指标重复 / indicator given twice"));
            }
            range(errors, path + ".selfScore", item.selfScore(), indicator.max());
            range(errors, path + ".verifiedScore", item.verifiedScore(), indicator.max());
        }
        Scorecard adjustmentsOnly = new Scorecard(Map.of(),
                input.members() == null ? null : new Scorecard.Evaluation(input.members().respondents(), input.members().satisfied()),
                input.masses() == null ? null : new Scorecard.Evaluation(input.masses().respondents(), input.masses().satisfied()),
                input.bonuses().stream().map(a -> new Scorecard.AppliedAdjustment(a.code(), new BigDecimal(a.points()), a.reason())).toList(),
                input.deductions().stream().map(a -> new Scorecard.AppliedAdjustment(a.code(), new BigDecimal(a.points()), a.reason())).toList(),
                input.vetoes().stream().map(v -> new Scorecard.AppliedVeto(v.code(), v.reason())).toList());
        Validation.scorecard(rules, adjustmentsOnly).forEach(v -> errors.add(new Problem.FieldError(v.field(), v.message())));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static void range(List<Problem.FieldError> errors, String field, String value, BigDecimal max) {
        if (value != null && new BigDecimal(value).compareTo(max) > 0) {
            errors.add(new Problem.FieldError(field, "必须在 0 到 " + max.stripTrailingZeros().toPlainString() + " 之间 / must be between 0 and "
                    + max.stripTrailingZeros().toPlainString()));
        }
    }

    private String changes(ScorecardRepository.Stored before, ScorecardInput after) {
        try {
            return json.writeValueAsString(Map.of("before", before == null ? Map.of() : before, "after", after));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ScorecardView view(CycleEntity cycle, FortressService.Graded g, ScorecardRepository.Stored s) {
        boolean editable = access.scorecardWrite(cycle.state.name()) != Access.ScorecardWrite.NONE;
        String label = ((RuleSetEntity) RuleSetEntity.findById(cycle.ruleSetId)).label;
        if (s == null) {
            return new ScorecardView(List.of(), null, null, List.of(), List.of(), List.of(), cycle.id, g.ref(), label, g.placeType(),
                    cycle.state.name(), editable, 0, null);
        }
        return new ScorecardView(s.items(), s.members(), s.masses(), s.bonuses(), s.deductions(), s.vetoes(), cycle.id, g.ref(), label,
                g.placeType(), cycle.state.name(), editable, s.revision(), s.updatedAt());
    }
}

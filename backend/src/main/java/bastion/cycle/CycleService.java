package bastion.cycle;

import bastion.audit.AuditLog;
import bastion.common.ProblemException;
import bastion.cycle.CycleDtos.CycleInput;
import bastion.cycle.CycleDtos.CycleTransition;
import bastion.cycle.CycleDtos.CycleView;
import bastion.cycle.CycleDtos.RuleSetRef;
import bastion.org.Organization;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.rules.RuleSetEntity;
import bastion.rules.RuleSetService;
import bastion.scoring.FortressService;
import bastion.security.Access;
import bastion.security.Caller;
import bastion.security.Jurisdiction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Grading cycles: OPEN (data entry) → LOCKED (公示; only county corrections, audited) →
 * PUBLISHED (final: every result computed once, stored, never changed).
 */
@ApplicationScoped
@Transactional
public class CycleService {

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Access access;

    @Inject
    RuleSetService ruleSets;

    @Inject
    FortressService fortress;

    @Inject
    AuditLog audit;

    @Inject
    bastion.lagging.ClassificationService lagging;

    @Inject
    bastion.grading.GradingRunner grading;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CycleView> list(Jurisdiction scope, Integer year) {
        List<CycleEntity> all = year == null
                ? CycleEntity.list("order by year desc, phase desc, id")
                : CycleEntity.list("year = ?1 order by year desc, phase desc, id", year);
        List<CycleView> views = new ArrayList<>();
        for (CycleEntity c : all) {
            Organization owner = Organization.findById(c.jurisdictionId);
            if (scope.isRelated(owner.path)) {
                views.add(view(c, owner));
            }
        }
        return views;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CycleView get(Jurisdiction scope, long id) {
        CycleEntity c = find(scope, id);
        return view(c, Organization.findById(c.jurisdictionId));
    }

    /** The cycle, if it concerns the caller (it covers their jurisdiction or lies within it); otherwise 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CycleEntity find(Jurisdiction scope, long id) {
        CycleEntity c = CycleEntity.findById(id);
        if (c == null || !scope.isRelated(((Organization) Organization.findById(c.jurisdictionId)).path)) {
            throw notFound(id);
        }
        return c;
    }

    /**
     * What reads of a cycle's indices need, in one query: its state, its rule set (id, revision,
     * label) and the path of the organisation it belongs to.
     */
    public record Head(long id, CycleEntity.State state, long jurisdictionId, String ownerPath, long ruleSetId, long ruleSetRevision,
            String ruleSetLabel) {}

    /** {@link #find} as one projection query: the same 404 when the cycle does not concern the caller. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Head head(Jurisdiction scope, long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT c.state, c.jurisdiction_id, w.path, c.rule_set_id, r.revision, r.label
                FROM cycle c JOIN organization w ON w.id = c.jurisdiction_id JOIN rule_set r ON r.id = c.rule_set_id
                WHERE c.id = :id""").setParameter("id", id).getResultList();
        if (rows.isEmpty() || !scope.isRelated((String) rows.getFirst()[2])) {
            throw notFound(id);
        }
        Object[] r = rows.getFirst();
        return new Head(id, CycleEntity.State.valueOf((String) r[0]), ((Number) r[1]).longValue(), (String) r[2],
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue(), (String) r[5]);
    }

    public static ProblemException notFound(long id) {
        return ProblemException.notFound("评定周期 " + id + " 不存在或与您的管辖范围无关 / Cycle " + id + " does not exist in your jurisdiction");
    }

    public CycleView create(CycleInput input) {
        Organization owner = Organization.findById(input.jurisdictionId());
        if (owner == null || !caller.jurisdiction().covers(owner)) {
            throw ProblemException.invalid("jurisdictionId", "不存在或不在您的管辖范围内 / no such organisation in your jurisdiction");
        }
        if (owner.level != Organization.Level.CITY && owner.level != Organization.Level.COUNTY) {
            throw ProblemException.invalid("jurisdictionId", "评定周期属于市或县 / a cycle belongs to the city or a county");
        }
        access.requireAdminOf(owner);
        RuleSetEntity rules = RuleSetEntity.findById(input.ruleSetId());
        Organization rulesOwner = rules == null ? null : Organization.findById(rules.jurisdictionId);
        if (rules == null || !owner.path.startsWith(rulesOwner.path)) {
            throw ProblemException.invalid("ruleSetId", "必须是本级或上级的规则集 / must be a rule set of this jurisdiction or one above it");
        }
        if (rules.year != input.year()) {
            throw ProblemException.invalid("ruleSetId", "规则集年度 (" + rules.year + ") 与周期年度不符 / the rule set is for " + rules.year);
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:key)").setParameter("key", 8_000_000_000L + input.year()).getSingleResult();
        for (CycleEntity other : CycleEntity.<CycleEntity>list("year = ?1 and phase = ?2", input.year(), input.phase())) {
            Organization otherOwner = Organization.findById(other.jurisdictionId);
            if (owner.path.startsWith(otherOwner.path) || otherOwner.path.startsWith(owner.path)) {
                throw ProblemException.conflict("已有覆盖该范围的同期评定周期: " + otherOwner.name + " " + other.year + " / A cycle of the same year and phase already covers it",
                        Map.of("existingCycleId", other.id));
            }
        }
        ruleSets.markInUse(rules);
        CycleEntity c = new CycleEntity();
        c.jurisdictionId = owner.id;
        c.countyCode = owner.countyCode;
        c.year = input.year();
        c.phase = input.phase();
        c.state = CycleEntity.State.OPEN;
        c.ruleSetId = rules.id;
        c.createdBy = caller.username();
        c.persist();
        em.flush();
        audit.record(caller.username(), "CYCLE_CREATED", owner.countyCode, c.id, null, rules.id, null, null);
        return view(c, owner);
    }

    public CycleView transition(long id, long ifMatch, CycleTransition transition) {
        CycleEntity c = find(caller.jurisdiction(), id);
        em.refresh(c, LockModeType.PESSIMISTIC_WRITE);
        Organization owner = Organization.findById(c.jurisdictionId);
        access.requireAdminOf(owner);
        if (c.revision != ifMatch) {
            throw ProblemException.stale(view(c, owner));
        }
        CycleEntity.State from = c.state;
        CycleEntity.State to = switch (transition.action()) {
            case LOCK -> CycleEntity.State.LOCKED;
            case PUBLISH -> CycleEntity.State.PUBLISHED;
        };
        CycleEntity.State required = transition.action() == CycleDtos.Action.LOCK ? CycleEntity.State.OPEN : CycleEntity.State.LOCKED;
        if (from != required) {
            throw ProblemException.conflict("周期当前为 " + from + ", 不能执行 " + transition.action() + " / The cycle is " + from
                    + "; " + transition.action() + " needs " + required, Map.of("state", from.name(), "allowedActions", allowed(from)));
        }
        apply(c, owner, to, caller.username(), transition.reason());
        return view(c, owner);
    }

    /**
     * LOCK then PUBLISH of a cycle by the system, with exactly the effects of an official's two
     * transitions (lagging frozen, indices published, final grading, audit): the demo loader
     * publishes the previous year's demo cycles with it. Nothing is done to a published cycle.
     */
    public void lockAndPublishAsSystem(long id, String actor, String reason) {
        CycleEntity c = CycleEntity.findById(id);
        em.refresh(c, LockModeType.PESSIMISTIC_WRITE);
        Organization owner = Organization.findById(c.jurisdictionId);
        if (c.state == CycleEntity.State.OPEN) {
            apply(c, owner, CycleEntity.State.LOCKED, actor, reason);
        }
        if (c.state == CycleEntity.State.LOCKED) {
            apply(c, owner, CycleEntity.State.PUBLISHED, actor, reason);
        }
    }

    /** A transition the caller may make (checked by the caller of this): its effects, the new state and the audit record. */
    private void apply(CycleEntity c, Organization owner, CycleEntity.State to, String actor, String reason) {
        CycleEntity.State from = c.state;
        OffsetDateTime now = OffsetDateTime.now();
        int stored = to == CycleEntity.State.PUBLISHED ? fortress.publish(c) : 0;
        if (to == CycleEntity.State.PUBLISHED) {
            grading.gradeFinal(c, actor);   // issue 6: the final grading, same transaction (bastion.grading.GradingRunner)
        }
        if (to == CycleEntity.State.LOCKED) {
            stored = lagging.freeze(c);
            c.lockedAt = now;
            c.lockedBy = actor;
        } else {
            c.publishedAt = now;
            c.publishedBy = actor;
        }
        c.state = to;
        em.flush();
        audit.record(actor, "CYCLE_" + to.name(), owner.countyCode, c.id, null, c.ruleSetId, reason,
                "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"" + (to == CycleEntity.State.LOCKED ? "lagging" : "results") + "\":" + stored + "}");
    }

    private static List<String> allowed(CycleEntity.State state) {
        return switch (state) {
            case OPEN -> List.of("LOCK");
            case LOCKED -> List.of("PUBLISH");
            case PUBLISHED -> List.of();
        };
    }

    public CycleView view(CycleEntity c, Organization owner) {
        RuleSetEntity rules = RuleSetEntity.findById(c.ruleSetId);
        return new CycleView(c.id, OrganizationRef.of(owner), c.year, c.phase, c.state, new RuleSetRef(rules.id, rules.label),
                c.lockedAt, c.publishedAt, c.revision);
    }
}

package bastion.rules;

import bastion.audit.AuditLog;
import bastion.common.Problem;
import bastion.common.ProblemException;
import bastion.engine.RuleSet;
import bastion.engine.Validation;
import bastion.engine.Violation;
import bastion.org.Organization;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.rules.RuleSetDtos.Definition;
import bastion.rules.RuleSetDtos.RuleSetInput;
import bastion.rules.RuleSetDtos.RuleSetUpdate;
import bastion.rules.RuleSetDtos.RuleSetView;
import bastion.rules.RuleSetDtos.ValidationReport;
import bastion.security.Access;
import bastion.security.Caller;
import bastion.security.Jurisdiction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule sets as data, versioned per jurisdiction and year. A draft may change; once a cycle uses
 * it, it is IN_USE and frozen (the database refuses a change too); a new version is a copy.
 */
@ApplicationScoped
@Transactional
public class RuleSetService {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

    @Inject
    Access access;

    @Inject
    AuditLog audit;

    private volatile Definition template;

    /** The default rule set of DOMAIN.md §4, shipped as data in {@code rules/default-rule-set.json}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Definition template() {
        if (template == null) {
            try (InputStream in = RuleSetService.class.getResourceAsStream("/rules/default-rule-set.json")) {
                template = json.readValue(in, Definition.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return template;
    }

    /** Every problem of a definition (shape problems are caught earlier, by Bean Validation). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ValidationReport validate(Definition definition) {
        List<Violation> violations = new ArrayList<>(Validation.ruleSet(definition.toEngine("validation")));
        if (definition.grading() != null) {
            violations.addAll(bastion.engine.GradingEngine.validate(definition.grading().toEngine()));
        }
        List<Problem.FieldError> errors = violations.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList();
        Map<String, String> totals = new LinkedHashMap<>();
        if (errors.isEmpty()) {
            RuleSet rules = definition.toEngine("validation");
            for (String type : Validation.PLACE_TYPES) {
                totals.put(type, rules.forPlaceType(type).totalMax().toPlainString());
            }
        }
        return new ValidationReport(errors.isEmpty(), errors, totals);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RuleSetView> list(Jurisdiction scope, Integer year) {
        List<RuleSetEntity> all = RuleSetEntity.list(year == null ? "order by year desc, jurisdictionId, versionNumber desc"
                : "year = ?1 order by year desc, jurisdictionId, versionNumber desc", year == null ? new Object[0] : new Object[] {year});
        List<RuleSetView> views = new ArrayList<>();
        for (RuleSetEntity e : all) {
            Organization owner = Organization.findById(e.jurisdictionId);
            if (scope.isRelated(owner.path)) {
                views.add(view(e, owner, false));
            }
        }
        return views;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RuleSetView get(Jurisdiction scope, long id) {
        RuleSetEntity e = find(scope, id);
        return view(e, Organization.findById(e.jurisdictionId), true);
    }

    /** The stored rule set, if the caller may see it; otherwise 404. */
    public RuleSetEntity find(Jurisdiction scope, long id) {
        RuleSetEntity e = RuleSetEntity.findById(id);
        if (e == null || !scope.isRelated(((Organization) Organization.findById(e.jurisdictionId)).path)) {
            throw ProblemException.notFound("规则集 " + id + " 不存在或不在您的管辖范围内 / Rule set " + id + " does not exist in your jurisdiction");
        }
        return e;
    }

    public RuleSetView create(RuleSetInput input) {
        Organization owner = Organization.findById(input.jurisdictionId());
        if (owner == null || !caller.jurisdiction().covers(owner)) {
            throw ProblemException.invalid("jurisdictionId", "不存在或不在您的管辖范围内 / no such organisation in your jurisdiction");
        }
        access.requireRuleSetAdminOf(owner);
        requireValid(input.definition());
        RuleSetEntity e = newVersion(owner, input.year(), input.name(), input.definition(), null);
        audit.record(caller.username(), "RULE_SET_CREATED", owner.countyCode, null, null, e.id, null, null);
        return view(e, owner, true);
    }

    public RuleSetView update(long id, long ifMatch, RuleSetUpdate update) {
        RuleSetEntity e = find(caller.jurisdiction(), id);
        Organization owner = Organization.findById(e.jurisdictionId);
        access.requireRuleSetAdminOf(owner);
        requireDraft(e);
        requireRevision(e, ifMatch, owner);
        requireValid(update.definition());
        e.name = update.name();
        e.definition = write(update.definition());
        e.updatedAt = OffsetDateTime.now();
        em.flush();
        audit.record(caller.username(), "RULE_SET_CHANGED", owner.countyCode, null, null, e.id, null, null);
        return view(e, owner, true);
    }

    public void delete(long id, long ifMatch) {
        RuleSetEntity e = find(caller.jurisdiction(), id);
        Organization owner = Organization.findById(e.jurisdictionId);
        access.requireRuleSetAdminOf(owner);
        requireDraft(e);
        requireRevision(e, ifMatch, owner);
        audit.record(caller.username(), "RULE_SET_DELETED", owner.countyCode, null, null, e.id, null, "{\"label\":\"" + e.label + "\"}");
        e.delete();
    }

    public RuleSetView copy(long id) {
        RuleSetEntity source = find(caller.jurisdiction(), id);
        Organization owner = Organization.findById(source.jurisdictionId);
        access.requireRuleSetAdminOf(owner);
        RuleSetEntity e = newVersion(owner, source.year, source.name, read(source.definition), source.id);
        audit.record(caller.username(), "RULE_SET_COPIED", owner.countyCode, null, null, e.id, null,
                "{\"from\":" + source.id + "}");
        return view(e, owner, true);
    }

    /** Marks a rule set as used by a cycle: from now on it never changes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markInUse(RuleSetEntity e) {
        if (e.status != RuleSetEntity.Status.IN_USE) {
            e.status = RuleSetEntity.Status.IN_USE;
            e.updatedAt = OffsetDateTime.now();
        }
    }

    /** Creates the next version for (jurisdiction, year), serialised per jurisdiction so numbers never collide. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RuleSetEntity newVersion(Organization owner, int year, String name, Definition definition, Long basedOn) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:key)").setParameter("key", 7_000_000_000L + owner.id).getSingleResult();
        Number max = (Number) em.createNativeQuery(
                "SELECT coalesce(max(version_number), 0) FROM rule_set WHERE jurisdiction_id = :j AND year = :y")
                .setParameter("j", owner.id).setParameter("y", year).getSingleResult();
        RuleSetEntity e = new RuleSetEntity();
        e.jurisdictionId = owner.id;
        e.countyCode = owner.countyCode;
        e.year = year;
        e.versionNumber = max.intValue() + 1;
        e.label = owner.code + "-" + year + "-v" + e.versionNumber;
        e.name = name;
        e.status = RuleSetEntity.Status.DRAFT;
        e.basedOnId = basedOn;
        e.definition = write(definition);
        e.createdBy = caller == null ? "system" : callerName();
        e.updatedAt = OffsetDateTime.now();
        e.persist();
        em.flush();
        return e;
    }

    public Definition read(String definitionJson) {
        try {
            return json.readValue(definitionJson, Definition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule set definition is unreadable", e);
        }
    }

    private record Parsed(long revision, RuleSet rules) {}

    private final java.util.concurrent.ConcurrentHashMap<Long, Parsed> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    /** The engine's view of a stored rule set, parsed once per revision (a rule set in use never changes). */
    public RuleSet engineRules(RuleSetEntity e) {
        Parsed p = parsed.get(e.id);
        if (p == null || p.revision() != e.revision) {
            p = new Parsed(e.revision, read(e.definition).toEngine(e.label));
            parsed.put(e.id, p);
        }
        return p.rules();
    }

    /**
     * The engine's view of rule set {@code id} at {@code revision}, from the cache when it holds that
     * revision (no read at all); otherwise the definition alone is read and parsed once. A cycle's
     * rule set is IN_USE, so frozen by trigger: its definition and label no longer change.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RuleSet engineRules(long id, long revision, String label) {
        Parsed p = parsed.get(id);
        if (p == null || p.revision() != revision) {
            Object[] row = (Object[]) em.createNativeQuery("SELECT CAST(definition AS text), revision, label FROM rule_set WHERE id = :id")
                    .setParameter("id", id).getSingleResult();
            p = new Parsed(((Number) row[1]).longValue(), read((String) row[0]).toEngine((String) row[2]));
            parsed.put(id, p);
        }
        return p.rules();
    }

    private String callerName() {
        try {
            return caller.username();
        } catch (RuntimeException outsideARequest) {
            return "system";
        }
    }

    private String write(Definition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void requireValid(Definition definition) {
        ValidationReport report = validate(definition);
        if (!report.valid()) {
            throw ProblemException.invalid(report.errors().stream()
                    .map(f -> new Problem.FieldError("definition." + f.field(), f.message())).toList());
        }
    }

    private static void requireDraft(RuleSetEntity e) {
        if (e.status == RuleSetEntity.Status.IN_USE) {
            throw ProblemException.conflict("规则集 " + e.label + " 已被评定周期使用, 不能修改; 请复制为新版本 / Rule set " + e.label
                    + " is used by a cycle and cannot change; copy it to make a new version", Map.of("state", e.status.name()));
        }
    }

    private void requireRevision(RuleSetEntity e, long ifMatch, Organization owner) {
        if (e.revision != ifMatch) {
            throw ProblemException.stale(view(e, owner, true));
        }
    }

    RuleSetView view(RuleSetEntity e, Organization owner, boolean withDefinition) {
        return new RuleSetView(e.id, e.label, e.versionNumber, OrganizationRef.of(owner), e.year, e.name, e.status.name(),
                e.basedOnId, e.revision, withDefinition ? read(e.definition) : null);
    }
}

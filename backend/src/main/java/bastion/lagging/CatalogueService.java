package bastion.lagging;

import bastion.common.SqlValues;
import bastion.common.Problem;
import bastion.common.ProblemException;
import bastion.lagging.CatalogueDtos.CatalogueInput;
import bastion.lagging.CatalogueDtos.CatalogueView;
import bastion.lagging.CatalogueDtos.Criterion;
import bastion.lagging.CatalogueDtos.Definition;
import bastion.lagging.CatalogueDtos.ScreeningRule;
import bastion.org.Organization;
import bastion.org.OrganizationDtos.OrganizationRef;
import bastion.security.Access;
import bastion.security.Caller;
import bastion.security.Jurisdiction;
import bastion.audit.AuditLog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of lagging situations as versioned data per jurisdiction and year (DOMAIN §3).
 * A version never changes; a change is a new version. For an organisation and a year the
 * catalogue in force is the newest version of its county, else of its city, else the built-in
 * default ({@code lagging/default-catalogue.json}).
 */
@ApplicationScoped
@Transactional
public class CatalogueService {

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

    /** The built-in default catalogue: the ten situations C01–C10. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Definition template() {
        if (template == null) {
            try (InputStream in = CatalogueService.class.getResourceAsStream("/lagging/default-catalogue.json")) {
                template = json.readValue(in, Definition.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return template;
    }

    /** The built-in default for a year, as a view. */
    public CatalogueView defaultView(int year) {
        return new CatalogueView(null, "DEFAULT-" + year, null, null, year, "默认目录 (十种情形) / Default catalogue (ten situations)", true,
                "system", null, template());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CatalogueView> list(Jurisdiction scope, Integer year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT c.id, c.label, c.version_number, c.jurisdiction_id, c.year, c.name, c.created_by, c.created_at, o.path
                FROM catalogue c JOIN organization o ON o.id = c.jurisdiction_id
                WHERE (CAST(:year AS integer) IS NULL OR c.year = CAST(:year AS integer))
                ORDER BY c.year DESC, o.depth, o.code, c.version_number DESC""")
                .setParameter("year", year).getResultList();
        List<CatalogueView> views = new ArrayList<>();
        for (Object[] r : rows) {
            if (scope.isRelated((String) r[8])) {
                Organization owner = Organization.findById(((Number) r[3]).longValue());
                views.add(new CatalogueView(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).intValue(), OrganizationRef.of(owner),
                        ((Number) r[4]).intValue(), (String) r[5], false, (String) r[6], SqlValues.timestamp(r[7]), null));
            }
        }
        return views;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CatalogueView get(Jurisdiction scope, long id) {
        return find(scope, id);
    }

    private CatalogueView find(Jurisdiction scope, long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT c.id, c.label, c.version_number, c.jurisdiction_id, c.year, c.name, c.created_by, c.created_at,
                       CAST(c.definition AS text), o.path
                FROM catalogue c JOIN organization o ON o.id = c.jurisdiction_id WHERE c.id = :id""")
                .setParameter("id", id).getResultList();
        if (rows.isEmpty() || !scope.isRelated((String) rows.get(0)[9])) {
            throw ProblemException.notFound("目录 " + id + " 不存在或不在您的管辖范围内 / Catalogue " + id + " does not exist in your jurisdiction");
        }
        Object[] r = rows.get(0);
        Organization owner = Organization.findById(((Number) r[3]).longValue());
        return new CatalogueView(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).intValue(), OrganizationRef.of(owner),
                ((Number) r[4]).intValue(), (String) r[5], false, (String) r[6], SqlValues.timestamp(r[7]), read((String) r[8]));
    }

    /** The catalogue in force for an organisation in a year: its county's newest version, else its city's, else the default. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CatalogueView effective(Organization organization, int year) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("""
                SELECT c.id FROM catalogue c JOIN organization o ON o.id = c.jurisdiction_id
                WHERE c.year = :year AND :path LIKE o.path || '%'
                ORDER BY o.depth DESC, c.version_number DESC LIMIT 1""")
                .setParameter("year", year).setParameter("path", organization.path).getResultList();
        if (ids.isEmpty()) {
            return defaultView(year);
        }
        long id = ((Number) ids.get(0)).longValue();
        Optional<CatalogueView> cached = Optional.ofNullable(byId.get(id));
        return cached.orElseGet(() -> {
            CatalogueView v = find(Jurisdiction.of(organization), id);
            byId.put(id, v);
            return v;
        });
    }

    /** Catalogue versions never change, so a parsed version may be kept. */
    private final java.util.concurrent.ConcurrentHashMap<Long, CatalogueView> byId = new java.util.concurrent.ConcurrentHashMap<>();

    /** A criterion of the catalogue in force, as copied onto a finding; 400 on {@code field} when the code is unknown. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public FindingLedger.Criterion criterion(Organization organization, int year, String code, String field) {
        CatalogueView catalogue = effective(organization, year);
        for (Criterion c : catalogue.definition().criteria()) {
            if (c.code().equals(code)) {
                return new FindingLedger.Criterion(catalogue.id(), catalogue.label(), year, c.code(), c.title(), c.classifiesDirectly());
            }
        }
        throw ProblemException.invalid(field, "目录 " + catalogue.label() + " 中没有情形 " + code + " / the catalogue " + catalogue.label()
                + " has no criterion " + code);
    }

    public CatalogueView create(CatalogueInput input) {
        Organization owner = Organization.findById(input.jurisdictionId());
        if (owner == null || !caller.jurisdiction().covers(owner)) {
            throw ProblemException.invalid("jurisdictionId", "不存在或不在您的管辖范围内 / no such organisation in your jurisdiction");
        }
        if (owner.level != Organization.Level.CITY && owner.level != Organization.Level.COUNTY) {
            throw ProblemException.invalid("jurisdictionId", "目录属于市或县 / a catalogue belongs to the city or a county");
        }
        access.requireRuleSetAdminOf(owner);
        List<Problem.FieldError> errors = validate(input.definition());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:key)").setParameter("key", 9_000_000_000L + owner.id).getSingleResult();
        int version = ((Number) em.createNativeQuery(
                "SELECT coalesce(max(version_number), 0) + 1 FROM catalogue WHERE jurisdiction_id = :j AND year = :y")
                .setParameter("j", owner.id).setParameter("y", input.year()).getSingleResult()).intValue();
        CatalogueView previous = effective(owner, input.year());
        long id = ((Number) em.createNativeQuery("SELECT nextval('lagging_seq')").getSingleResult()).longValue();
        String label = owner.code + "-" + input.year() + "-c" + version;
        em.createNativeQuery("""
                INSERT INTO catalogue (id, jurisdiction_id, county_code, year, version_number, label, name, based_on, definition, created_by)
                VALUES (:id, :j, :county, :year, :version, :label, :name, :basedOn, CAST(CAST(:definition AS text) AS jsonb), :by)""")
                .setParameter("id", id).setParameter("j", owner.id).setParameter("county", owner.countyCode)
                .setParameter("year", input.year()).setParameter("version", version).setParameter("label", label)
                .setParameter("name", input.name()).setParameter("basedOn", previous.label())
                .setParameter("definition", write(input.definition())).setParameter("by", caller.username())
                .executeUpdate();
        audit.record(caller.username(), "CATALOGUE_CREATED", owner.countyCode, null, null, null, null,
                "{\"catalogueId\":" + id + ",\"label\":\"" + label + "\"}");
        return find(caller.jurisdiction(), id);
    }

    /** Every problem of a definition beyond its shape: duplicate codes, screening rules used twice or missing their parameter, marks over 100. */
    public static List<Problem.FieldError> validate(Definition d) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Set<ScreeningRule> rules = EnumSet.noneOf(ScreeningRule.class);
        for (int i = 0; i < d.criteria().size(); i++) {
            Criterion c = d.criteria().get(i);
            String at = "definition.criteria[" + i + "]";
            if (!codes.add(c.code())) {
                errors.add(new Problem.FieldError(at + ".code", "代码重复: " + c.code() + " / duplicate code " + c.code()));
            }
            if (c.screening() == null) {
                continue;
            }
            var s = c.screening();
            if (!rules.add(s.rule())) {
                errors.add(new Problem.FieldError(at + ".screening.rule", "排查规则 " + s.rule() + " 只能用于一个情形 / screening rule " + s.rule()
                        + " may be attached to one criterion only"));
            }
            switch (s.rule()) {
                case SECRETARY_VACANCY -> require(errors, s.days() != null, at + ".screening.days", "书记缺职天数必填 / days is required for SECRETARY_VACANCY");
                case NO_MEETINGS -> require(errors, s.months() != null, at + ".screening.months", "月数必填 / months is required for NO_MEETINGS");
                case LOW_MASSES_SATISFACTION -> {
                    require(errors, s.percent() != null, at + ".screening.percent", "百分比必填 / percent is required for LOW_MASSES_SATISFACTION");
                    require(errors, s.percent() == null || new BigDecimal(s.percent()).compareTo(BigDecimal.valueOf(100)) <= 0,
                            at + ".screening.percent", "不能超过 100 / must be at most 100");
                }
                case NO_VENUE -> { }
            }
        }
        var r = d.rectification();
        require(errors, new BigDecimal(r.acceptanceMinPoints()).compareTo(BigDecimal.valueOf(100)) <= 0,
                "definition.rectification.acceptanceMinPoints", "不能超过 100 / must be at most 100");
        require(errors, new BigDecimal(r.acceptanceMinSatisfactionPercent()).compareTo(BigDecimal.valueOf(100)) <= 0,
                "definition.rectification.acceptanceMinSatisfactionPercent", "不能超过 100 / must be at most 100");
        return errors;
    }

    private static void require(List<Problem.FieldError> errors, boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new Problem.FieldError(field, message));
        }
    }

    private Definition read(String text) {
        try {
            return json.readValue(text, Definition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored catalogue is unreadable", e);
        }
    }

    private String write(Definition d) {
        try {
            return json.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}

package bastion.security;

import bastion.org.Organization;

/**
 * The part of the organisation tree a caller may see: the organisation named by their token and
 * everything below it. This is the one place that decides whether an organisation is in scope;
 * queries use {@link #pathPrefix()} so that lists never contain an organisation outside it.
 */
public record Jurisdiction(long rootId, String rootCode, String rootName, Organization.Level rootLevel, String pathPrefix, int rootDepth) {

    public static Jurisdiction of(Organization root) {
        return new Jurisdiction(root.id, root.code, root.name, root.level, root.path, root.depth);
    }

    /** Whether the organisation with this materialised path is the root or below it. */
    public boolean covers(String organizationPath) {
        return organizationPath != null && organizationPath.startsWith(pathPrefix);
    }

    public boolean covers(Organization organization) {
        return covers(organization.path);
    }

    /**
     * Whether an organisation is related to this jurisdiction: inside it, or above it (its city,
     * its county). Rule sets and cycles of such organisations concern the caller.
     */
    public boolean isRelated(String organizationPath) {
        return covers(organizationPath) || (organizationPath != null && pathPrefix.startsWith(organizationPath));
    }

    /**
     * The path prefix of the caller's jurisdiction, or of {@code under}'s subtree when given; an
     * {@code under} that does not exist or is outside the jurisdiction is a 404, as if it did not exist.
     */
    public String subtree(Long under) {
        if (under == null) {
            return pathPrefix;
        }
        Organization u = Organization.findById(under);
        if (u == null || !covers(u)) {
            throw bastion.common.ProblemException.notFound("组织 " + under + " 不在您的管辖范围内 / Organisation " + under
                    + " is not in your jurisdiction");
        }
        return u.path;
    }

    /**
     * The path prefix of what a caller reads of something owned at {@code ownerPath} (a cycle's
     * jurisdiction), optionally narrowed to the subtree of {@code under}: the narrowest of the three.
     * An {@code under} outside the caller's sight or unrelated to the owner is a 404, as if it did not exist.
     */
    public String within(String ownerPath, Long under) {
        String prefix = ownerPath.length() >= pathPrefix.length() ? ownerPath : pathPrefix;
        if (under != null) {
            Organization u = Organization.findById(under);
            if (u == null || !covers(u) || !(u.path.startsWith(ownerPath) || ownerPath.startsWith(u.path))) {
                throw bastion.common.ProblemException.notFound("组织 " + under + " 不在您的管辖范围内 / Organisation " + under
                        + " is not in your jurisdiction");
            }
            prefix = u.path.length() >= prefix.length() ? u.path : prefix;
        }
        return prefix;
    }
}

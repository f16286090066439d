/**
 * The deployment systems besides IIS (the seeds' Flask deployment chapter): templates and plans for mod_wsgi,
 * gunicorn/uWSGI behind nginx, flup FastCGI and CGI, from the same application and static folder as the IIS scaffold.
 */
export * from './options';
export { planServerDeployment, renderServerRequirements, EXECUTABLE } from './plan';
export { splitHandler, colonHandler } from './entry';
export { TARGET_LABELS } from './guide';
export { PROXIED_MODULE } from './nginx';
export { planFcgiextMigration, migratedWebConfigPath, fcgiextRefusalProblem, type FcgiextMigration, type FcgiextMigrationOptions } from './fcgiextMigration';

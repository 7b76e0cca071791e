// Uniqueness constraints: every entity is looked up and MERGEd by its id.
CREATE CONSTRAINT domain_id IF NOT EXISTS FOR (n:Domain) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT support_type_id IF NOT EXISTS FOR (n:SupportType) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT model_id IF NOT EXISTS FOR (n:Model) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT area_id IF NOT EXISTS FOR (n:Area) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT provider_id IF NOT EXISTS FOR (n:Provider) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT commissioner_id IF NOT EXISTS FOR (n:Commissioner) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contract_id IF NOT EXISTS FOR (n:Contract) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT service_id IF NOT EXISTS FOR (n:Service) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT cohort_id IF NOT EXISTS FOR (n:Cohort) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT user_name IF NOT EXISTS FOR (n:User) REQUIRE n.username IS UNIQUE;
CREATE CONSTRAINT app_setting_name IF NOT EXISTS FOR (n:AppSetting) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT sign_in_throttle_id IF NOT EXISTS FOR (n:SignInThrottle) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT key_worker_draft_id IF NOT EXISTS FOR (n:KeyWorkerDraft) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT unmet_need_id IF NOT EXISTS FOR (n:UnmetNeed) REQUIRE n.id IS UNIQUE;
// Indexes on the properties the analyses filter and sort by.
CREATE INDEX service_status IF NOT EXISTS FOR (n:Service) ON (n.status);
CREATE INDEX service_name IF NOT EXISTS FOR (n:Service) ON (n.name);
CREATE INDEX contract_end IF NOT EXISTS FOR (n:Contract) ON (n.end_date);
CREATE INDEX event_type_date IF NOT EXISTS FOR (n:Event) ON (n.type, n.date);
CREATE INDEX area_level IF NOT EXISTS FOR (n:Area) ON (n.level);
CREATE INDEX import_started IF NOT EXISTS FOR (n:Import) ON (n.started_at);
CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);
CREATE INDEX sign_in_throttle_touched IF NOT EXISTS FOR (n:SignInThrottle) ON (n.touched);
CREATE INDEX key_worker_draft_expires IF NOT EXISTS FOR (n:KeyWorkerDraft) ON (n.expires);
// directory_text replaces directory_search (more labels and fields): drop the old one once.
DROP INDEX directory_search IF EXISTS;
CREATE FULLTEXT INDEX directory_text IF NOT EXISTS
  FOR (n:Service|Provider|Commissioner|Cohort|Area|Domain|Model)
  ON EACH [n.name, n.id, n.kind, n.description, n.criteria, n.other_criteria,
           n.housing_status, n.benefit_status, n.conditions];
CREATE INDEX person_key_worker IF NOT EXISTS FOR (n:Person) ON (n.key_worker);
CREATE INDEX change_entity IF NOT EXISTS FOR (n:Change) ON (n.entity_kind, n.entity_id);
CREATE CONSTRAINT proposal_id IF NOT EXISTS FOR (n:Proposal) REQUIRE n.id IS UNIQUE;
// The review queue seeks the links only suggested from a feed's words (oruk/review_pending),
// not every service's links: a few to review among 20,000 services at XL.
CREATE INDEX in_domain_suggested IF NOT EXISTS FOR ()-[l:IN_DOMAIN]-() ON (l.suggested);
CREATE INDEX provides_type_suggested IF NOT EXISTS FOR ()-[l:PROVIDES_TYPE]-() ON (l.suggested);

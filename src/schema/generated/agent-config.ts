// GENERATED from schemas/agent-config.schema.json by src/schema/standalone.ts. Do not edit:
// run `MCP_WARDEN_UPDATE_GENERATED=1 npx jest test/unit/schema` after changing the schema.
/* eslint-disable */
// @ts-nocheck
"use strict";
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://mcp-warden.dev/schemas/agent-config.schema.json","title":"mcp-warden agent config","description":"How the mcp-warden agent on a workstation finds and trusts the allowlist, and where it reports. Delivered by MDM, root-owned. Unknown keys are errors. Relative paths resolve against the folder of this file.","type":"object","additionalProperties":false,"required":["org","trust","allowlist"],"properties":{"$schema":{"description":"Optional: the URL or path of this schema, so that editors validate and complete the file.","type":"string"},"org":{"description":"Organisation name. An allowlist is accepted only if its `org` is exactly this.","type":"string","minLength":1,"maxLength":128},"trust":{"description":"The keys that may sign the allowlist, and how many of them must: either listed here (`keys` + `threshold`), or through a signed trust root (`root`), which then wins and lets keys be rotated without a new config push (docs/allowlist.md).","type":"object","additionalProperties":false,"properties":{"keys":{"description":"Trusted Ed25519 public keys (from `mcp-warden keygen`). Only public keys belong here.","type":"array","minItems":1,"maxItems":64,"items":{"$ref":"#/definitions/trustKey"}},"threshold":{"description":"How many distinct trusted keys must have signed the allowlist (a key signing twice counts once). At least 1, at most the number of keys.","type":"integer","minimum":1,"maximum":64},"root":{"description":"The signed trust root (from `mcp-warden trust init`) this agent bootstraps from. When set, allowlists are verified against the newest root reached from it, and `keys`/`threshold` are ignored.","type":"object","additionalProperties":false,"properties":{"file":{"description":"Path of the pinned initial root envelope (delivered by MDM next to this config).","type":"string","minLength":1,"maxLength":4096},"sha256":{"description":"SHA-256 (hex) of the initial root's payload, as `trust init` prints it. With `file`: an extra check; without: the initial root is the chain entry with this digest.","type":"string","pattern":"^[A-Fa-f0-9]{64}$","errorMessage":"must be 64 hex characters (the payload digest `trust init` prints)"},"chainFile":{"description":"Path of the roots chain (`{\"roots\": [...]}`, from `trust rotate`) holding the roots newer than the initial one.","type":"string","minLength":1,"maxLength":4096},"chainUrl":{"description":"HTTPS URL of the roots chain, fetched by the agent before each allowlist poll. http:// only for loopback.","$ref":"#/definitions/secureUrl"}},"allOf":[{"anyOf":[{"required":["file"]},{"required":["sha256"]}],"errorMessage":"needs `file`, `sha256`, or both"}]}},"allOf":[{"anyOf":[{"required":["keys","threshold"]},{"required":["root"]}],"errorMessage":"needs `keys` and `threshold`, or `root`"}]},"allowlist":{"description":"Where the signed allowlist (a DSSE envelope from `mcp-warden allowlist sign`) comes from: a file, a URL, or both (the URL's copy wins when newer).","type":"object","additionalProperties":false,"properties":{"file":{"description":"Path of the envelope file, e.g. delivered by MDM next to this config.","type":"string","minLength":1,"maxLength":4096},"url":{"description":"HTTPS URL of the envelope, polled with conditional requests. http:// is accepted only for a loopback address (tests, a local proxy).","$ref":"#/definitions/secureUrl"},"pollSeconds":{"description":"Seconds between polls of `url`. Default 300.","type":"integer","minimum":10,"maximum":604800},"maxBytes":{"description":"Largest envelope accepted, in bytes. Default 1048576 (1 MiB).","type":"integer","minimum":1024,"maximum":67108864}},"allOf":[{"anyOf":[{"required":["file"]},{"required":["url"]}],"errorMessage":"needs `file`, `url`, or both"}]},"report":{"description":"Where drift events and heartbeats go (an `mcp-warden collector serve` endpoint). Without it, events stay in the local log and spool.","type":"object","additionalProperties":false,"required":["url"],"properties":{"url":{"description":"Collector base URL. HTTPS (http:// only for loopback).","$ref":"#/definitions/secureUrl"},"token":{"description":"Enrollment token, inline. Prefer `tokenFile` so the token is not in a file users can read.","type":"string","minLength":1,"maxLength":4096},"tokenFile":{"description":"Path of a file holding the enrollment token (keep it readable only by the agent's users' group or root).","type":"string","minLength":1,"maxLength":4096},"caFile":{"description":"PEM bundle of extra certificate authorities for a collector behind a private PKI.","type":"string","minLength":1,"maxLength":4096},"heartbeatSeconds":{"description":"Seconds between heartbeats. Default 3600.","type":"integer","minimum":60,"maximum":604800},"spoolMaxBytes":{"description":"Cap on the local spool of unsent events, in bytes. Default 10485760 (10 MiB); the oldest events are dropped (and counted) beyond it.","type":"integer","minimum":65536,"maximum":1073741824},"deviceId":{"description":"Override the device id the agent derives (e.g. to use the MDM's device serial). Every agent that reads this config (each user's, and `system apply` as root) then reports as this one id, and the collector enrols an id only once: set it only where a single agent reports from the machine.","type":"string","minLength":1,"maxLength":256}},"allOf":[{"not":{"required":["token","tokenFile"]},"errorMessage":"set either `token` or `tokenFile`, not both"}]},"network":{"description":"How the agent reaches the network: proxy and extra CAs for every outbound request (allowlist and roots polls, drift reports, registry look-ups). See docs/agent-config.md.","type":"object","additionalProperties":false,"properties":{"proxy":{"description":"Forward proxy URL (`http://host:port`, optionally `http://user:pass@host:port`). Wins over HTTPS_PROXY/HTTP_PROXY. `direct` turns the environment's proxy off.","type":"string","minLength":1,"maxLength":2048,"pattern":"^(?:direct|https?://[^\\s/]+/?)$","errorMessage":"must be `direct` or an http(s)://[user:pass@]host:port URL"},"noProxy":{"description":"Hosts reached directly (as NO_PROXY: `example.com`, `.example.com`, `*.example.com`, `10.0.0.1`, `host:port`, `*`). Wins over NO_PROXY.","type":"array","maxItems":256,"items":{"type":"string","minLength":1,"maxLength":255}},"caFile":{"description":"PEM bundle of the organisation's CAs (e.g. a TLS-inspecting proxy's), trusted in addition to Node's and the OS's roots.","type":"string","minLength":1,"maxLength":4096},"systemCa":{"description":"Also trust the OS's CA bundle (Linux: /etc/ssl/certs/ca-certificates.crt and the usual alternatives). Default true.","type":"boolean"}}},"discovery":{"description":"Where the agent looks for Claude Code project configs (.mcp.json, .claude/settings*.json) besides the projects ~/.claude.json lists.","type":"object","additionalProperties":false,"properties":{"roots":{"description":"Extra folders to scan for projects. `~` expands to the user's home.","type":"array","maxItems":256,"items":{"type":"string","minLength":1,"maxLength":4096}},"otherClients":{"description":"Also discover, judge and enforce the MCP servers of Cursor, VS Code, Claude Desktop, Windsurf, Gemini CLI and Codex CLI (docs/clients.md). Default true.","type":"boolean"},"maxDepth":{"description":"Folder depth below each root. Default 4.","type":"integer","minimum":0,"maximum":32},"maxProjects":{"description":"Cap on projects considered. Default 5000.","type":"integer","minimum":1,"maximum":1000000},"maxFileBytes":{"description":"Byte cap per config file read. Default 67108864 (64 MiB; a real ~/.claude.json reaches tens of MB).","type":"integer","minimum":65536,"maximum":1073741824}}},"agent":{"description":"Tuning of the background agent.","type":"object","additionalProperties":false,"properties":{"fullPassSeconds":{"description":"Seconds between full passes (besides reacting to file changes). Default 300.","type":"integer","minimum":10,"maximum":86400},"debounceMs":{"description":"Milliseconds to wait after a change before acting. Default 50.","type":"integer","minimum":0,"maximum":60000},"notify":{"description":"Show a desktop notification when something of the user's is removed. Default true.","type":"boolean"}}},"exec":{"description":"How rewritten server entries start mcp-warden.","type":"object","additionalProperties":false,"properties":{"path":{"description":"Absolute path of the mcp-warden executable that rewritten entries run (`<path> exec --server …`). Default: the installed location for the OS.","type":"string","minLength":1,"maxLength":4096}}},"keychain":{"description":"Which OS keychain library to use.","type":"object","additionalProperties":false,"properties":{"backend":{"description":"`napi` (@napi-rs/keyring, default) or `keytar`. The two do not share items: switching is a migration.","type":"string","enum":["napi","keytar"]}}},"system":{"description":"What `mcp-warden system apply` writes into Claude Code's managed settings.","type":"object","additionalProperties":false,"properties":{"managedDir":{"description":"Claude Code's managed folder. Default per OS (/etc/claude-code, /Library/Application Support/ClaudeCode, C:\\Program Files\\ClaudeCode).","type":"string","minLength":1,"maxLength":4096},"dropInName":{"description":"File name of the drop-in under managed-settings.d. Default `50-mcp-warden.json`.","type":"string","pattern":"^[A-Za-z0-9._-]+\\.json$","maxLength":255,"errorMessage":"must be a plain file name ending in .json"}}},"log":{"description":"Logging of the agent and the commands (JSON lines in the state folder's logs/).","type":"object","additionalProperties":false,"properties":{"level":{"description":"`error`, `warn`, `info` (default) or `debug`.","type":"string","enum":["error","warn","info","debug"]}}}},"definitions":{"trustKey":{"description":"One trusted Ed25519 public key: inline PEM in `publicKey`, or a file in `publicKeyFile`.","type":"object","additionalProperties":false,"properties":{"publicKey":{"description":"SPKI PEM (`-----BEGIN PUBLIC KEY-----`), as `mcp-warden keygen` writes to NAME.pub.pem.","type":"string","minLength":1,"maxLength":16384},"publicKeyFile":{"description":"Path of an SPKI PEM file.","type":"string","minLength":1,"maxLength":4096},"name":{"description":"Label for humans (who holds the private key).","type":"string","maxLength":256}},"allOf":[{"oneOf":[{"required":["publicKey"]},{"required":["publicKeyFile"]}],"errorMessage":"needs exactly one of `publicKey` or `publicKeyFile`"}]},"secureUrl":{"type":"string","maxLength":2048,"format":"uri","pattern":"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))","errorMessage":"must be an https:// URL (http:// only for 127.0.0.1, localhost or [::1])"}}};
const schema12 = {"description":"One trusted Ed25519 public key: inline PEM in `publicKey`, or a file in `publicKeyFile`.","type":"object","additionalProperties":false,"properties":{"publicKey":{"description":"SPKI PEM (`-----BEGIN PUBLIC KEY-----`), as `mcp-warden keygen` writes to NAME.pub.pem.","type":"string","minLength":1,"maxLength":16384},"publicKeyFile":{"description":"Path of an SPKI PEM file.","type":"string","minLength":1,"maxLength":4096},"name":{"description":"Label for humans (who holds the private key).","type":"string","maxLength":256}},"allOf":[{"oneOf":[{"required":["publicKey"]},{"required":["publicKeyFile"]}],"errorMessage":"needs exactly one of `publicKey` or `publicKeyFile`"}]};
const schema13 = {"type":"string","maxLength":2048,"format":"uri","pattern":"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))","errorMessage":"must be an https:// URL (http:// only for 127.0.0.1, localhost or [::1])"};
const func2 = Object.prototype.hasOwnProperty;
const func3 = require("ajv/dist/runtime/ucs2length").default;
const pattern0 = new RegExp("^[A-Fa-f0-9]{64}$", "u");
const pattern1 = new RegExp("^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))", "u");
const pattern4 = new RegExp("^(?:direct|https?://[^\\s/]+/?)$", "u");
const pattern5 = new RegExp("^[A-Za-z0-9._-]+\\.json$", "u");
const formats0 = require("ajv-formats/dist/formats").fullFormats.uri;

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://mcp-warden.dev/schemas/agent-config.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.org === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "org"},message:"must have required property '"+"org"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.trust === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "trust"},message:"must have required property '"+"trust"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.allowlist === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "allowlist"},message:"must have required property '"+"allowlist"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err4 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.$schema.type,parentSchema:schema11.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.org !== undefined){
let data1 = data.org;
if(typeof data1 === "string"){
if(func3(data1) > 128){
const err5 = {instancePath:instancePath+"/org",schemaPath:"#/properties/org/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema11.properties.org,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(func3(data1) < 1){
const err6 = {instancePath:instancePath+"/org",schemaPath:"#/properties/org/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.org,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/org",schemaPath:"#/properties/org/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.org.type,parentSchema:schema11.properties.org,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.trust !== undefined){
let data2 = data.trust;
const _errs9 = errors;
let valid2 = false;
const _errs10 = errors;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.keys === undefined){
const err8 = {instancePath:instancePath+"/trust",schemaPath:"#/properties/trust/allOf/0/anyOf/0/required",keyword:"required",params:{missingProperty: "keys"},message:"must have required property '"+"keys"+"'",schema:schema11.properties.trust.allOf[0].anyOf[0].required,parentSchema:schema11.properties.trust.allOf[0].anyOf[0],data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data2.threshold === undefined){
const err9 = {instancePath:instancePath+"/trust",schemaPath:"#/properties/trust/allOf/0/anyOf/0/required",keyword:"required",params:{missingProperty: "threshold"},message:"must have required property '"+"threshold"+"'",schema:schema11.properties.trust.allOf[0].anyOf[0].required,parentSchema:schema11.properties.trust.allOf[0].anyOf[0],data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var _valid0 = _errs10 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const _errs11 = errors;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.root === undefined){
const err10 = {instancePath:instancePath+"/trust",schemaPath:"#/properties/trust/allOf/0/anyOf/1/required",keyword:"required",params:{missingProperty: "root"},message:"must have required property '"+"root"+"'",schema:schema11.properties.trust.allOf[0].anyOf[1].required,parentSchema:schema11.properties.trust.allOf[0].anyOf[1],data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
var _valid0 = _errs11 === errors;
valid2 = valid2 || _valid0;
}
if(!valid2){
const err11 = {instancePath:instancePath+"/trust",schemaPath:"#/properties/trust/allOf/0/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema11.properties.trust.allOf[0].anyOf,parentSchema:schema11.properties.trust.allOf[0],data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
else {
errors = _errs9;
if(vErrors !== null){
if(_errs9){
vErrors.length = _errs9;
}
else {
vErrors = null;
}
}
}
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
if(!(((key1 === "keys") || (key1 === "threshold")) || (key1 === "root"))){
const err12 = {instancePath:instancePath+"/trust",schemaPath:"#/properties/trust/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.trust,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data2.keys !== undefined){
let data3 = data2.keys;
if(Array.isArray(data3)){
if(data3.length > 64){
const err13 = {instancePath:instancePath+"/trust/keys",schemaPath:"#/properties/trust/properties/keys/maxItems",keyword:"maxItems",params:{limit: 64},message:"must NOT have more than 64 items",schema:64,parentSchema:schema11.properties.trust.properties.keys,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data3.length < 1){
const err14 = {instancePath:instancePath+"/trust/keys",schemaPath:"#/properties/trust/properties/keys/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.trust.properties.keys,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
const _errs20 = errors;
let valid8 = false;
let passing0 = null;
const _errs21 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.publicKey === undefined){
const err15 = {instancePath:instancePath+"/trust/keys/" + i0,schemaPath:"#/definitions/trustKey/allOf/0/oneOf/0/required",keyword:"required",params:{missingProperty: "publicKey"},message:"must have required property '"+"publicKey"+"'",schema:schema12.allOf[0].oneOf[0].required,parentSchema:schema12.allOf[0].oneOf[0],data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
var _valid1 = _errs21 === errors;
if(_valid1){
valid8 = true;
passing0 = 0;
}
const _errs22 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.publicKeyFile === undefined){
const err16 = {instancePath:instancePath+"/trust/keys/" + i0,schemaPath:"#/definitions/trustKey/allOf/0/oneOf/1/required",keyword:"required",params:{missingProperty: "publicKeyFile"},message:"must have required property '"+"publicKeyFile"+"'",schema:schema12.allOf[0].oneOf[1].required,parentSchema:schema12.allOf[0].oneOf[1],data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
var _valid1 = _errs22 === errors;
if(_valid1 && valid8){
valid8 = false;
passing0 = [passing0, 1];
}
else {
if(_valid1){
valid8 = true;
passing0 = 1;
}
}
if(!valid8){
const err17 = {instancePath:instancePath+"/trust/keys/" + i0,schemaPath:"#/definitions/trustKey/allOf/0/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema12.allOf[0].oneOf,parentSchema:schema12.allOf[0],data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
else {
errors = _errs20;
if(vErrors !== null){
if(_errs20){
vErrors.length = _errs20;
}
else {
vErrors = null;
}
}
}
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key2 in data4){
if(!(((key2 === "publicKey") || (key2 === "publicKeyFile")) || (key2 === "name"))){
const err18 = {instancePath:instancePath+"/trust/keys/" + i0,schemaPath:"#/definitions/trustKey/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data4.publicKey !== undefined){
let data5 = data4.publicKey;
if(typeof data5 === "string"){
if(func3(data5) > 16384){
const err19 = {instancePath:instancePath+"/trust/keys/" + i0+"/publicKey",schemaPath:"#/definitions/trustKey/properties/publicKey/maxLength",keyword:"maxLength",params:{limit: 16384},message:"must NOT have more than 16384 characters",schema:16384,parentSchema:schema12.properties.publicKey,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(func3(data5) < 1){
const err20 = {instancePath:instancePath+"/trust/keys/" + i0+"/publicKey",schemaPath:"#/definitions/trustKey/properties/publicKey/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.publicKey,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/trust/keys/" + i0+"/publicKey",schemaPath:"#/definitions/trustKey/properties/publicKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.publicKey.type,parentSchema:schema12.properties.publicKey,data:data5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data4.publicKeyFile !== undefined){
let data6 = data4.publicKeyFile;
if(typeof data6 === "string"){
if(func3(data6) > 4096){
const err22 = {instancePath:instancePath+"/trust/keys/" + i0+"/publicKeyFile",schemaPath:"#/definitions/trustKey/properties/publicKeyFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema12.properties.publicKeyFile,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(func3(data6) < 1){
const err23 = {instancePath:instancePath+"/trust/keys/" + i0+"/publicKeyFile",schemaPath:"#/definitions/trustKey/properties/publicKeyFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.publicKeyFile,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/trust/keys/" + i0+"/publicKeyFile",schemaPath:"#/definitions/trustKey/properties/publicKeyFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.publicKeyFile.type,parentSchema:schema12.properties.publicKeyFile,data:data6};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data4.name !== undefined){
let data7 = data4.name;
if(typeof data7 === "string"){
if(func3(data7) > 256){
const err25 = {instancePath:instancePath+"/trust/keys/" + i0+"/name",schemaPath:"#/definitions/trustKey/properties/name/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema12.properties.name,data:data7};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/trust/keys/" + i0+"/name",schemaPath:"#/definitions/trustKey/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.name.type,parentSchema:schema12.properties.name,data:data7};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/trust/keys/" + i0,schemaPath:"#/definitions/trustKey/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/trust/keys",schemaPath:"#/properties/trust/properties/keys/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.trust.properties.keys.type,parentSchema:schema11.properties.trust.properties.keys,data:data3};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data2.threshold !== undefined){
let data8 = data2.threshold;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err29 = {instancePath:instancePath+"/trust/threshold",schemaPath:"#/properties/trust/properties/threshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.trust.properties.threshold.type,parentSchema:schema11.properties.trust.properties.threshold,data:data8};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 64 || isNaN(data8)){
const err30 = {instancePath:instancePath+"/trust/threshold",schemaPath:"#/properties/trust/properties/threshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64",schema:64,parentSchema:schema11.properties.trust.properties.threshold,data:data8};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err31 = {instancePath:instancePath+"/trust/threshold",schemaPath:"#/properties/trust/properties/threshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.trust.properties.threshold,data:data8};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
if(data2.root !== undefined){
let data9 = data2.root;
const _errs36 = errors;
let valid11 = false;
const _errs37 = errors;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.file === undefined){
const err32 = {instancePath:instancePath+"/trust/root",schemaPath:"#/properties/trust/properties/root/allOf/0/anyOf/0/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'",schema:schema11.properties.trust.properties.root.allOf[0].anyOf[0].required,parentSchema:schema11.properties.trust.properties.root.allOf[0].anyOf[0],data:data9};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
var _valid2 = _errs37 === errors;
valid11 = valid11 || _valid2;
if(!valid11){
const _errs38 = errors;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.sha256 === undefined){
const err33 = {instancePath:instancePath+"/trust/root",schemaPath:"#/properties/trust/properties/root/allOf/0/anyOf/1/required",keyword:"required",params:{missingProperty: "sha256"},message:"must have required property '"+"sha256"+"'",schema:schema11.properties.trust.properties.root.allOf[0].anyOf[1].required,parentSchema:schema11.properties.trust.properties.root.allOf[0].anyOf[1],data:data9};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
var _valid2 = _errs38 === errors;
valid11 = valid11 || _valid2;
}
if(!valid11){
const err34 = {instancePath:instancePath+"/trust/root",schemaPath:"#/properties/trust/properties/root/allOf/0/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema11.properties.trust.properties.root.allOf[0].anyOf,parentSchema:schema11.properties.trust.properties.root.allOf[0],data:data9};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
else {
errors = _errs36;
if(vErrors !== null){
if(_errs36){
vErrors.length = _errs36;
}
else {
vErrors = null;
}
}
}
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key3 in data9){
if(!((((key3 === "file") || (key3 === "sha256")) || (key3 === "chainFile")) || (key3 === "chainUrl"))){
const err35 = {instancePath:instancePath+"/trust/root",schemaPath:"#/properties/trust/properties/root/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.trust.properties.root,data:data9};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data9.file !== undefined){
let data10 = data9.file;
if(typeof data10 === "string"){
if(func3(data10) > 4096){
const err36 = {instancePath:instancePath+"/trust/root/file",schemaPath:"#/properties/trust/properties/root/properties/file/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.trust.properties.root.properties.file,data:data10};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(func3(data10) < 1){
const err37 = {instancePath:instancePath+"/trust/root/file",schemaPath:"#/properties/trust/properties/root/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.trust.properties.root.properties.file,data:data10};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/trust/root/file",schemaPath:"#/properties/trust/properties/root/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.trust.properties.root.properties.file.type,parentSchema:schema11.properties.trust.properties.root.properties.file,data:data10};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data9.sha256 !== undefined){
let data11 = data9.sha256;
if(typeof data11 === "string"){
if(!pattern0.test(data11)){
const err39 = {instancePath:instancePath+"/trust/root/sha256",schemaPath:"#/properties/trust/properties/root/properties/sha256/pattern",keyword:"pattern",params:{pattern: "^[A-Fa-f0-9]{64}$"},message:"must match pattern \""+"^[A-Fa-f0-9]{64}$"+"\"",schema:"^[A-Fa-f0-9]{64}$",parentSchema:schema11.properties.trust.properties.root.properties.sha256,data:data11};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/trust/root/sha256",schemaPath:"#/properties/trust/properties/root/properties/sha256/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.trust.properties.root.properties.sha256.type,parentSchema:schema11.properties.trust.properties.root.properties.sha256,data:data11};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data9.chainFile !== undefined){
let data12 = data9.chainFile;
if(typeof data12 === "string"){
if(func3(data12) > 4096){
const err41 = {instancePath:instancePath+"/trust/root/chainFile",schemaPath:"#/properties/trust/properties/root/properties/chainFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.trust.properties.root.properties.chainFile,data:data12};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(func3(data12) < 1){
const err42 = {instancePath:instancePath+"/trust/root/chainFile",schemaPath:"#/properties/trust/properties/root/properties/chainFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.trust.properties.root.properties.chainFile,data:data12};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
else {
const err43 = {instancePath:instancePath+"/trust/root/chainFile",schemaPath:"#/properties/trust/properties/root/properties/chainFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.trust.properties.root.properties.chainFile.type,parentSchema:schema11.properties.trust.properties.root.properties.chainFile,data:data12};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data9.chainUrl !== undefined){
let data13 = data9.chainUrl;
if(typeof data13 === "string"){
if(func3(data13) > 2048){
const err44 = {instancePath:instancePath+"/trust/root/chainUrl",schemaPath:"#/definitions/secureUrl/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema13,data:data13};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(!pattern1.test(data13)){
const err45 = {instancePath:instancePath+"/trust/root/chainUrl",schemaPath:"#/definitions/secureUrl/pattern",keyword:"pattern",params:{pattern: "^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))"},message:"must match pattern \""+"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))"+"\"",schema:"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))",parentSchema:schema13,data:data13};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(!(formats0(data13))){
const err46 = {instancePath:instancePath+"/trust/root/chainUrl",schemaPath:"#/definitions/secureUrl/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema13,data:data13};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
else {
const err47 = {instancePath:instancePath+"/trust/root/chainUrl",schemaPath:"#/definitions/secureUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data13};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
else {
const err48 = {instancePath:instancePath+"/trust/root",schemaPath:"#/properties/trust/properties/root/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.trust.properties.root.type,parentSchema:schema11.properties.trust.properties.root,data:data9};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
else {
const err49 = {instancePath:instancePath+"/trust",schemaPath:"#/properties/trust/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.trust.type,parentSchema:schema11.properties.trust,data:data2};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data.allowlist !== undefined){
let data14 = data.allowlist;
const _errs55 = errors;
let valid15 = false;
const _errs56 = errors;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.file === undefined){
const err50 = {instancePath:instancePath+"/allowlist",schemaPath:"#/properties/allowlist/allOf/0/anyOf/0/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'",schema:schema11.properties.allowlist.allOf[0].anyOf[0].required,parentSchema:schema11.properties.allowlist.allOf[0].anyOf[0],data:data14};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
var _valid3 = _errs56 === errors;
valid15 = valid15 || _valid3;
if(!valid15){
const _errs57 = errors;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.url === undefined){
const err51 = {instancePath:instancePath+"/allowlist",schemaPath:"#/properties/allowlist/allOf/0/anyOf/1/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema11.properties.allowlist.allOf[0].anyOf[1].required,parentSchema:schema11.properties.allowlist.allOf[0].anyOf[1],data:data14};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
var _valid3 = _errs57 === errors;
valid15 = valid15 || _valid3;
}
if(!valid15){
const err52 = {instancePath:instancePath+"/allowlist",schemaPath:"#/properties/allowlist/allOf/0/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema11.properties.allowlist.allOf[0].anyOf,parentSchema:schema11.properties.allowlist.allOf[0],data:data14};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
else {
errors = _errs55;
if(vErrors !== null){
if(_errs55){
vErrors.length = _errs55;
}
else {
vErrors = null;
}
}
}
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
for(const key4 in data14){
if(!((((key4 === "file") || (key4 === "url")) || (key4 === "pollSeconds")) || (key4 === "maxBytes"))){
const err53 = {instancePath:instancePath+"/allowlist",schemaPath:"#/properties/allowlist/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.allowlist,data:data14};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data14.file !== undefined){
let data15 = data14.file;
if(typeof data15 === "string"){
if(func3(data15) > 4096){
const err54 = {instancePath:instancePath+"/allowlist/file",schemaPath:"#/properties/allowlist/properties/file/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.allowlist.properties.file,data:data15};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(func3(data15) < 1){
const err55 = {instancePath:instancePath+"/allowlist/file",schemaPath:"#/properties/allowlist/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.allowlist.properties.file,data:data15};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
else {
const err56 = {instancePath:instancePath+"/allowlist/file",schemaPath:"#/properties/allowlist/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.allowlist.properties.file.type,parentSchema:schema11.properties.allowlist.properties.file,data:data15};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data14.url !== undefined){
let data16 = data14.url;
if(typeof data16 === "string"){
if(func3(data16) > 2048){
const err57 = {instancePath:instancePath+"/allowlist/url",schemaPath:"#/definitions/secureUrl/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema13,data:data16};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(!pattern1.test(data16)){
const err58 = {instancePath:instancePath+"/allowlist/url",schemaPath:"#/definitions/secureUrl/pattern",keyword:"pattern",params:{pattern: "^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))"},message:"must match pattern \""+"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))"+"\"",schema:"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))",parentSchema:schema13,data:data16};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if(!(formats0(data16))){
const err59 = {instancePath:instancePath+"/allowlist/url",schemaPath:"#/definitions/secureUrl/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema13,data:data16};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
else {
const err60 = {instancePath:instancePath+"/allowlist/url",schemaPath:"#/definitions/secureUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data16};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data14.pollSeconds !== undefined){
let data17 = data14.pollSeconds;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err61 = {instancePath:instancePath+"/allowlist/pollSeconds",schemaPath:"#/properties/allowlist/properties/pollSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.allowlist.properties.pollSeconds.type,parentSchema:schema11.properties.allowlist.properties.pollSeconds,data:data17};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 604800 || isNaN(data17)){
const err62 = {instancePath:instancePath+"/allowlist/pollSeconds",schemaPath:"#/properties/allowlist/properties/pollSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 604800},message:"must be <= 604800",schema:604800,parentSchema:schema11.properties.allowlist.properties.pollSeconds,data:data17};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(data17 < 10 || isNaN(data17)){
const err63 = {instancePath:instancePath+"/allowlist/pollSeconds",schemaPath:"#/properties/allowlist/properties/pollSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10",schema:10,parentSchema:schema11.properties.allowlist.properties.pollSeconds,data:data17};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
if(data14.maxBytes !== undefined){
let data18 = data14.maxBytes;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err64 = {instancePath:instancePath+"/allowlist/maxBytes",schemaPath:"#/properties/allowlist/properties/maxBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.allowlist.properties.maxBytes.type,parentSchema:schema11.properties.allowlist.properties.maxBytes,data:data18};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 > 67108864 || isNaN(data18)){
const err65 = {instancePath:instancePath+"/allowlist/maxBytes",schemaPath:"#/properties/allowlist/properties/maxBytes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 67108864},message:"must be <= 67108864",schema:67108864,parentSchema:schema11.properties.allowlist.properties.maxBytes,data:data18};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
if(data18 < 1024 || isNaN(data18)){
const err66 = {instancePath:instancePath+"/allowlist/maxBytes",schemaPath:"#/properties/allowlist/properties/maxBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1024},message:"must be >= 1024",schema:1024,parentSchema:schema11.properties.allowlist.properties.maxBytes,data:data18};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
}
}
else {
const err67 = {instancePath:instancePath+"/allowlist",schemaPath:"#/properties/allowlist/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.allowlist.type,parentSchema:schema11.properties.allowlist,data:data14};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data.report !== undefined){
let data19 = data.report;
const _errs73 = errors;
const _errs74 = errors;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
let missing0;
if(((data19.token === undefined) && (missing0 = "token")) || ((data19.tokenFile === undefined) && (missing0 = "tokenFile"))){
const err68 = {};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
var valid19 = _errs74 === errors;
if(valid19){
const err69 = {instancePath:instancePath+"/report",schemaPath:"#/properties/report/allOf/0/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema11.properties.report.allOf[0].not,parentSchema:schema11.properties.report.allOf[0],data:data19};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
else {
errors = _errs73;
if(vErrors !== null){
if(_errs73){
vErrors.length = _errs73;
}
else {
vErrors = null;
}
}
}
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
if(data19.url === undefined){
const err70 = {instancePath:instancePath+"/report",schemaPath:"#/properties/report/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema11.properties.report.required,parentSchema:schema11.properties.report,data:data19};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
for(const key5 in data19){
if(!(((((((key5 === "url") || (key5 === "token")) || (key5 === "tokenFile")) || (key5 === "caFile")) || (key5 === "heartbeatSeconds")) || (key5 === "spoolMaxBytes")) || (key5 === "deviceId"))){
const err71 = {instancePath:instancePath+"/report",schemaPath:"#/properties/report/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.report,data:data19};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data19.url !== undefined){
let data20 = data19.url;
if(typeof data20 === "string"){
if(func3(data20) > 2048){
const err72 = {instancePath:instancePath+"/report/url",schemaPath:"#/definitions/secureUrl/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema13,data:data20};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if(!pattern1.test(data20)){
const err73 = {instancePath:instancePath+"/report/url",schemaPath:"#/definitions/secureUrl/pattern",keyword:"pattern",params:{pattern: "^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))"},message:"must match pattern \""+"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))"+"\"",schema:"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))",parentSchema:schema13,data:data20};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if(!(formats0(data20))){
const err74 = {instancePath:instancePath+"/report/url",schemaPath:"#/definitions/secureUrl/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema13,data:data20};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
else {
const err75 = {instancePath:instancePath+"/report/url",schemaPath:"#/definitions/secureUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data20};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data19.token !== undefined){
let data21 = data19.token;
if(typeof data21 === "string"){
if(func3(data21) > 4096){
const err76 = {instancePath:instancePath+"/report/token",schemaPath:"#/properties/report/properties/token/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.report.properties.token,data:data21};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if(func3(data21) < 1){
const err77 = {instancePath:instancePath+"/report/token",schemaPath:"#/properties/report/properties/token/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.report.properties.token,data:data21};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
else {
const err78 = {instancePath:instancePath+"/report/token",schemaPath:"#/properties/report/properties/token/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.report.properties.token.type,parentSchema:schema11.properties.report.properties.token,data:data21};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data19.tokenFile !== undefined){
let data22 = data19.tokenFile;
if(typeof data22 === "string"){
if(func3(data22) > 4096){
const err79 = {instancePath:instancePath+"/report/tokenFile",schemaPath:"#/properties/report/properties/tokenFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.report.properties.tokenFile,data:data22};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if(func3(data22) < 1){
const err80 = {instancePath:instancePath+"/report/tokenFile",schemaPath:"#/properties/report/properties/tokenFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.report.properties.tokenFile,data:data22};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
else {
const err81 = {instancePath:instancePath+"/report/tokenFile",schemaPath:"#/properties/report/properties/tokenFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.report.properties.tokenFile.type,parentSchema:schema11.properties.report.properties.tokenFile,data:data22};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data19.caFile !== undefined){
let data23 = data19.caFile;
if(typeof data23 === "string"){
if(func3(data23) > 4096){
const err82 = {instancePath:instancePath+"/report/caFile",schemaPath:"#/properties/report/properties/caFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.report.properties.caFile,data:data23};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
if(func3(data23) < 1){
const err83 = {instancePath:instancePath+"/report/caFile",schemaPath:"#/properties/report/properties/caFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.report.properties.caFile,data:data23};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
else {
const err84 = {instancePath:instancePath+"/report/caFile",schemaPath:"#/properties/report/properties/caFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.report.properties.caFile.type,parentSchema:schema11.properties.report.properties.caFile,data:data23};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
if(data19.heartbeatSeconds !== undefined){
let data24 = data19.heartbeatSeconds;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err85 = {instancePath:instancePath+"/report/heartbeatSeconds",schemaPath:"#/properties/report/properties/heartbeatSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.report.properties.heartbeatSeconds.type,parentSchema:schema11.properties.report.properties.heartbeatSeconds,data:data24};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 > 604800 || isNaN(data24)){
const err86 = {instancePath:instancePath+"/report/heartbeatSeconds",schemaPath:"#/properties/report/properties/heartbeatSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 604800},message:"must be <= 604800",schema:604800,parentSchema:schema11.properties.report.properties.heartbeatSeconds,data:data24};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
if(data24 < 60 || isNaN(data24)){
const err87 = {instancePath:instancePath+"/report/heartbeatSeconds",schemaPath:"#/properties/report/properties/heartbeatSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 60},message:"must be >= 60",schema:60,parentSchema:schema11.properties.report.properties.heartbeatSeconds,data:data24};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
}
if(data19.spoolMaxBytes !== undefined){
let data25 = data19.spoolMaxBytes;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err88 = {instancePath:instancePath+"/report/spoolMaxBytes",schemaPath:"#/properties/report/properties/spoolMaxBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.report.properties.spoolMaxBytes.type,parentSchema:schema11.properties.report.properties.spoolMaxBytes,data:data25};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 > 1073741824 || isNaN(data25)){
const err89 = {instancePath:instancePath+"/report/spoolMaxBytes",schemaPath:"#/properties/report/properties/spoolMaxBytes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1073741824},message:"must be <= 1073741824",schema:1073741824,parentSchema:schema11.properties.report.properties.spoolMaxBytes,data:data25};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if(data25 < 65536 || isNaN(data25)){
const err90 = {instancePath:instancePath+"/report/spoolMaxBytes",schemaPath:"#/properties/report/properties/spoolMaxBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 65536},message:"must be >= 65536",schema:65536,parentSchema:schema11.properties.report.properties.spoolMaxBytes,data:data25};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
}
if(data19.deviceId !== undefined){
let data26 = data19.deviceId;
if(typeof data26 === "string"){
if(func3(data26) > 256){
const err91 = {instancePath:instancePath+"/report/deviceId",schemaPath:"#/properties/report/properties/deviceId/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.report.properties.deviceId,data:data26};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if(func3(data26) < 1){
const err92 = {instancePath:instancePath+"/report/deviceId",schemaPath:"#/properties/report/properties/deviceId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.report.properties.deviceId,data:data26};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
else {
const err93 = {instancePath:instancePath+"/report/deviceId",schemaPath:"#/properties/report/properties/deviceId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.report.properties.deviceId.type,parentSchema:schema11.properties.report.properties.deviceId,data:data26};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
}
else {
const err94 = {instancePath:instancePath+"/report",schemaPath:"#/properties/report/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.report.type,parentSchema:schema11.properties.report,data:data19};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
if(data.network !== undefined){
let data27 = data.network;
if(data27 && typeof data27 == "object" && !Array.isArray(data27)){
for(const key6 in data27){
if(!((((key6 === "proxy") || (key6 === "noProxy")) || (key6 === "caFile")) || (key6 === "systemCa"))){
const err95 = {instancePath:instancePath+"/network",schemaPath:"#/properties/network/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.network,data:data27};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data27.proxy !== undefined){
let data28 = data27.proxy;
if(typeof data28 === "string"){
if(func3(data28) > 2048){
const err96 = {instancePath:instancePath+"/network/proxy",schemaPath:"#/properties/network/properties/proxy/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema11.properties.network.properties.proxy,data:data28};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
if(func3(data28) < 1){
const err97 = {instancePath:instancePath+"/network/proxy",schemaPath:"#/properties/network/properties/proxy/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.network.properties.proxy,data:data28};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if(!pattern4.test(data28)){
const err98 = {instancePath:instancePath+"/network/proxy",schemaPath:"#/properties/network/properties/proxy/pattern",keyword:"pattern",params:{pattern: "^(?:direct|https?://[^\\s/]+/?)$"},message:"must match pattern \""+"^(?:direct|https?://[^\\s/]+/?)$"+"\"",schema:"^(?:direct|https?://[^\\s/]+/?)$",parentSchema:schema11.properties.network.properties.proxy,data:data28};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
else {
const err99 = {instancePath:instancePath+"/network/proxy",schemaPath:"#/properties/network/properties/proxy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.network.properties.proxy.type,parentSchema:schema11.properties.network.properties.proxy,data:data28};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
if(data27.noProxy !== undefined){
let data29 = data27.noProxy;
if(Array.isArray(data29)){
if(data29.length > 256){
const err100 = {instancePath:instancePath+"/network/noProxy",schemaPath:"#/properties/network/properties/noProxy/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema11.properties.network.properties.noProxy,data:data29};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
const len1 = data29.length;
for(let i1=0; i1<len1; i1++){
let data30 = data29[i1];
if(typeof data30 === "string"){
if(func3(data30) > 255){
const err101 = {instancePath:instancePath+"/network/noProxy/" + i1,schemaPath:"#/properties/network/properties/noProxy/items/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema11.properties.network.properties.noProxy.items,data:data30};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if(func3(data30) < 1){
const err102 = {instancePath:instancePath+"/network/noProxy/" + i1,schemaPath:"#/properties/network/properties/noProxy/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.network.properties.noProxy.items,data:data30};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
else {
const err103 = {instancePath:instancePath+"/network/noProxy/" + i1,schemaPath:"#/properties/network/properties/noProxy/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.network.properties.noProxy.items.type,parentSchema:schema11.properties.network.properties.noProxy.items,data:data30};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
}
else {
const err104 = {instancePath:instancePath+"/network/noProxy",schemaPath:"#/properties/network/properties/noProxy/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.network.properties.noProxy.type,parentSchema:schema11.properties.network.properties.noProxy,data:data29};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
if(data27.caFile !== undefined){
let data31 = data27.caFile;
if(typeof data31 === "string"){
if(func3(data31) > 4096){
const err105 = {instancePath:instancePath+"/network/caFile",schemaPath:"#/properties/network/properties/caFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.network.properties.caFile,data:data31};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
if(func3(data31) < 1){
const err106 = {instancePath:instancePath+"/network/caFile",schemaPath:"#/properties/network/properties/caFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.network.properties.caFile,data:data31};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
}
else {
const err107 = {instancePath:instancePath+"/network/caFile",schemaPath:"#/properties/network/properties/caFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.network.properties.caFile.type,parentSchema:schema11.properties.network.properties.caFile,data:data31};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
if(data27.systemCa !== undefined){
let data32 = data27.systemCa;
if(typeof data32 !== "boolean"){
const err108 = {instancePath:instancePath+"/network/systemCa",schemaPath:"#/properties/network/properties/systemCa/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.network.properties.systemCa.type,parentSchema:schema11.properties.network.properties.systemCa,data:data32};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
}
else {
const err109 = {instancePath:instancePath+"/network",schemaPath:"#/properties/network/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.network.type,parentSchema:schema11.properties.network,data:data27};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
}
if(data.discovery !== undefined){
let data33 = data.discovery;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
for(const key7 in data33){
if(!(((((key7 === "roots") || (key7 === "otherClients")) || (key7 === "maxDepth")) || (key7 === "maxProjects")) || (key7 === "maxFileBytes"))){
const err110 = {instancePath:instancePath+"/discovery",schemaPath:"#/properties/discovery/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.discovery,data:data33};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
if(data33.roots !== undefined){
let data34 = data33.roots;
if(Array.isArray(data34)){
if(data34.length > 256){
const err111 = {instancePath:instancePath+"/discovery/roots",schemaPath:"#/properties/discovery/properties/roots/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema11.properties.discovery.properties.roots,data:data34};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
const len2 = data34.length;
for(let i2=0; i2<len2; i2++){
let data35 = data34[i2];
if(typeof data35 === "string"){
if(func3(data35) > 4096){
const err112 = {instancePath:instancePath+"/discovery/roots/" + i2,schemaPath:"#/properties/discovery/properties/roots/items/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.discovery.properties.roots.items,data:data35};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
if(func3(data35) < 1){
const err113 = {instancePath:instancePath+"/discovery/roots/" + i2,schemaPath:"#/properties/discovery/properties/roots/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.discovery.properties.roots.items,data:data35};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
else {
const err114 = {instancePath:instancePath+"/discovery/roots/" + i2,schemaPath:"#/properties/discovery/properties/roots/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.discovery.properties.roots.items.type,parentSchema:schema11.properties.discovery.properties.roots.items,data:data35};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
}
else {
const err115 = {instancePath:instancePath+"/discovery/roots",schemaPath:"#/properties/discovery/properties/roots/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.discovery.properties.roots.type,parentSchema:schema11.properties.discovery.properties.roots,data:data34};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
if(data33.otherClients !== undefined){
let data36 = data33.otherClients;
if(typeof data36 !== "boolean"){
const err116 = {instancePath:instancePath+"/discovery/otherClients",schemaPath:"#/properties/discovery/properties/otherClients/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.discovery.properties.otherClients.type,parentSchema:schema11.properties.discovery.properties.otherClients,data:data36};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
if(data33.maxDepth !== undefined){
let data37 = data33.maxDepth;
if(!(((typeof data37 == "number") && (!(data37 % 1) && !isNaN(data37))) && (isFinite(data37)))){
const err117 = {instancePath:instancePath+"/discovery/maxDepth",schemaPath:"#/properties/discovery/properties/maxDepth/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.discovery.properties.maxDepth.type,parentSchema:schema11.properties.discovery.properties.maxDepth,data:data37};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
if((typeof data37 == "number") && (isFinite(data37))){
if(data37 > 32 || isNaN(data37)){
const err118 = {instancePath:instancePath+"/discovery/maxDepth",schemaPath:"#/properties/discovery/properties/maxDepth/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32",schema:32,parentSchema:schema11.properties.discovery.properties.maxDepth,data:data37};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
if(data37 < 0 || isNaN(data37)){
const err119 = {instancePath:instancePath+"/discovery/maxDepth",schemaPath:"#/properties/discovery/properties/maxDepth/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.discovery.properties.maxDepth,data:data37};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
}
if(data33.maxProjects !== undefined){
let data38 = data33.maxProjects;
if(!(((typeof data38 == "number") && (!(data38 % 1) && !isNaN(data38))) && (isFinite(data38)))){
const err120 = {instancePath:instancePath+"/discovery/maxProjects",schemaPath:"#/properties/discovery/properties/maxProjects/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.discovery.properties.maxProjects.type,parentSchema:schema11.properties.discovery.properties.maxProjects,data:data38};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
if((typeof data38 == "number") && (isFinite(data38))){
if(data38 > 1000000 || isNaN(data38)){
const err121 = {instancePath:instancePath+"/discovery/maxProjects",schemaPath:"#/properties/discovery/properties/maxProjects/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema11.properties.discovery.properties.maxProjects,data:data38};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
if(data38 < 1 || isNaN(data38)){
const err122 = {instancePath:instancePath+"/discovery/maxProjects",schemaPath:"#/properties/discovery/properties/maxProjects/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.discovery.properties.maxProjects,data:data38};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
}
if(data33.maxFileBytes !== undefined){
let data39 = data33.maxFileBytes;
if(!(((typeof data39 == "number") && (!(data39 % 1) && !isNaN(data39))) && (isFinite(data39)))){
const err123 = {instancePath:instancePath+"/discovery/maxFileBytes",schemaPath:"#/properties/discovery/properties/maxFileBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.discovery.properties.maxFileBytes.type,parentSchema:schema11.properties.discovery.properties.maxFileBytes,data:data39};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
if((typeof data39 == "number") && (isFinite(data39))){
if(data39 > 1073741824 || isNaN(data39)){
const err124 = {instancePath:instancePath+"/discovery/maxFileBytes",schemaPath:"#/properties/discovery/properties/maxFileBytes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1073741824},message:"must be <= 1073741824",schema:1073741824,parentSchema:schema11.properties.discovery.properties.maxFileBytes,data:data39};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
if(data39 < 65536 || isNaN(data39)){
const err125 = {instancePath:instancePath+"/discovery/maxFileBytes",schemaPath:"#/properties/discovery/properties/maxFileBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 65536},message:"must be >= 65536",schema:65536,parentSchema:schema11.properties.discovery.properties.maxFileBytes,data:data39};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
}
}
else {
const err126 = {instancePath:instancePath+"/discovery",schemaPath:"#/properties/discovery/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.discovery.type,parentSchema:schema11.properties.discovery,data:data33};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
if(data.agent !== undefined){
let data40 = data.agent;
if(data40 && typeof data40 == "object" && !Array.isArray(data40)){
for(const key8 in data40){
if(!(((key8 === "fullPassSeconds") || (key8 === "debounceMs")) || (key8 === "notify"))){
const err127 = {instancePath:instancePath+"/agent",schemaPath:"#/properties/agent/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.agent,data:data40};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
if(data40.fullPassSeconds !== undefined){
let data41 = data40.fullPassSeconds;
if(!(((typeof data41 == "number") && (!(data41 % 1) && !isNaN(data41))) && (isFinite(data41)))){
const err128 = {instancePath:instancePath+"/agent/fullPassSeconds",schemaPath:"#/properties/agent/properties/fullPassSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.agent.properties.fullPassSeconds.type,parentSchema:schema11.properties.agent.properties.fullPassSeconds,data:data41};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
if((typeof data41 == "number") && (isFinite(data41))){
if(data41 > 86400 || isNaN(data41)){
const err129 = {instancePath:instancePath+"/agent/fullPassSeconds",schemaPath:"#/properties/agent/properties/fullPassSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema11.properties.agent.properties.fullPassSeconds,data:data41};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
if(data41 < 10 || isNaN(data41)){
const err130 = {instancePath:instancePath+"/agent/fullPassSeconds",schemaPath:"#/properties/agent/properties/fullPassSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10",schema:10,parentSchema:schema11.properties.agent.properties.fullPassSeconds,data:data41};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
}
if(data40.debounceMs !== undefined){
let data42 = data40.debounceMs;
if(!(((typeof data42 == "number") && (!(data42 % 1) && !isNaN(data42))) && (isFinite(data42)))){
const err131 = {instancePath:instancePath+"/agent/debounceMs",schemaPath:"#/properties/agent/properties/debounceMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.agent.properties.debounceMs.type,parentSchema:schema11.properties.agent.properties.debounceMs,data:data42};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
if((typeof data42 == "number") && (isFinite(data42))){
if(data42 > 60000 || isNaN(data42)){
const err132 = {instancePath:instancePath+"/agent/debounceMs",schemaPath:"#/properties/agent/properties/debounceMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 60000},message:"must be <= 60000",schema:60000,parentSchema:schema11.properties.agent.properties.debounceMs,data:data42};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
if(data42 < 0 || isNaN(data42)){
const err133 = {instancePath:instancePath+"/agent/debounceMs",schemaPath:"#/properties/agent/properties/debounceMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.agent.properties.debounceMs,data:data42};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
}
if(data40.notify !== undefined){
let data43 = data40.notify;
if(typeof data43 !== "boolean"){
const err134 = {instancePath:instancePath+"/agent/notify",schemaPath:"#/properties/agent/properties/notify/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.agent.properties.notify.type,parentSchema:schema11.properties.agent.properties.notify,data:data43};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
}
else {
const err135 = {instancePath:instancePath+"/agent",schemaPath:"#/properties/agent/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.agent.type,parentSchema:schema11.properties.agent,data:data40};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
if(data.exec !== undefined){
let data44 = data.exec;
if(data44 && typeof data44 == "object" && !Array.isArray(data44)){
for(const key9 in data44){
if(!(key9 === "path")){
const err136 = {instancePath:instancePath+"/exec",schemaPath:"#/properties/exec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.exec,data:data44};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
if(data44.path !== undefined){
let data45 = data44.path;
if(typeof data45 === "string"){
if(func3(data45) > 4096){
const err137 = {instancePath:instancePath+"/exec/path",schemaPath:"#/properties/exec/properties/path/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.exec.properties.path,data:data45};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
if(func3(data45) < 1){
const err138 = {instancePath:instancePath+"/exec/path",schemaPath:"#/properties/exec/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.exec.properties.path,data:data45};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
else {
const err139 = {instancePath:instancePath+"/exec/path",schemaPath:"#/properties/exec/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.exec.properties.path.type,parentSchema:schema11.properties.exec.properties.path,data:data45};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
}
else {
const err140 = {instancePath:instancePath+"/exec",schemaPath:"#/properties/exec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.exec.type,parentSchema:schema11.properties.exec,data:data44};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
}
if(data.keychain !== undefined){
let data46 = data.keychain;
if(data46 && typeof data46 == "object" && !Array.isArray(data46)){
for(const key10 in data46){
if(!(key10 === "backend")){
const err141 = {instancePath:instancePath+"/keychain",schemaPath:"#/properties/keychain/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.keychain,data:data46};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
if(data46.backend !== undefined){
let data47 = data46.backend;
if(typeof data47 !== "string"){
const err142 = {instancePath:instancePath+"/keychain/backend",schemaPath:"#/properties/keychain/properties/backend/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.keychain.properties.backend.type,parentSchema:schema11.properties.keychain.properties.backend,data:data47};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
if(!((data47 === "napi") || (data47 === "keytar"))){
const err143 = {instancePath:instancePath+"/keychain/backend",schemaPath:"#/properties/keychain/properties/backend/enum",keyword:"enum",params:{allowedValues: schema11.properties.keychain.properties.backend.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.keychain.properties.backend.enum,parentSchema:schema11.properties.keychain.properties.backend,data:data47};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
}
}
else {
const err144 = {instancePath:instancePath+"/keychain",schemaPath:"#/properties/keychain/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.keychain.type,parentSchema:schema11.properties.keychain,data:data46};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
}
if(data.system !== undefined){
let data48 = data.system;
if(data48 && typeof data48 == "object" && !Array.isArray(data48)){
for(const key11 in data48){
if(!((key11 === "managedDir") || (key11 === "dropInName"))){
const err145 = {instancePath:instancePath+"/system",schemaPath:"#/properties/system/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.system,data:data48};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
}
if(data48.managedDir !== undefined){
let data49 = data48.managedDir;
if(typeof data49 === "string"){
if(func3(data49) > 4096){
const err146 = {instancePath:instancePath+"/system/managedDir",schemaPath:"#/properties/system/properties/managedDir/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.system.properties.managedDir,data:data49};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
if(func3(data49) < 1){
const err147 = {instancePath:instancePath+"/system/managedDir",schemaPath:"#/properties/system/properties/managedDir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.system.properties.managedDir,data:data49};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
}
else {
const err148 = {instancePath:instancePath+"/system/managedDir",schemaPath:"#/properties/system/properties/managedDir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.system.properties.managedDir.type,parentSchema:schema11.properties.system.properties.managedDir,data:data49};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
}
if(data48.dropInName !== undefined){
let data50 = data48.dropInName;
if(typeof data50 === "string"){
if(func3(data50) > 255){
const err149 = {instancePath:instancePath+"/system/dropInName",schemaPath:"#/properties/system/properties/dropInName/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema11.properties.system.properties.dropInName,data:data50};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
if(!pattern5.test(data50)){
const err150 = {instancePath:instancePath+"/system/dropInName",schemaPath:"#/properties/system/properties/dropInName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+\\.json$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+\\.json$"+"\"",schema:"^[A-Za-z0-9._-]+\\.json$",parentSchema:schema11.properties.system.properties.dropInName,data:data50};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
}
else {
const err151 = {instancePath:instancePath+"/system/dropInName",schemaPath:"#/properties/system/properties/dropInName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.system.properties.dropInName.type,parentSchema:schema11.properties.system.properties.dropInName,data:data50};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
}
}
else {
const err152 = {instancePath:instancePath+"/system",schemaPath:"#/properties/system/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.system.type,parentSchema:schema11.properties.system,data:data48};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
}
if(data.log !== undefined){
let data51 = data.log;
if(data51 && typeof data51 == "object" && !Array.isArray(data51)){
for(const key12 in data51){
if(!(key12 === "level")){
const err153 = {instancePath:instancePath+"/log",schemaPath:"#/properties/log/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.log,data:data51};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
}
if(data51.level !== undefined){
let data52 = data51.level;
if(typeof data52 !== "string"){
const err154 = {instancePath:instancePath+"/log/level",schemaPath:"#/properties/log/properties/level/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.log.properties.level.type,parentSchema:schema11.properties.log.properties.level,data:data52};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
if(!((((data52 === "error") || (data52 === "warn")) || (data52 === "info")) || (data52 === "debug"))){
const err155 = {instancePath:instancePath+"/log/level",schemaPath:"#/properties/log/properties/level/enum",keyword:"enum",params:{allowedValues: schema11.properties.log.properties.level.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.log.properties.level.enum,parentSchema:schema11.properties.log.properties.level,data:data52};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
}
}
else {
const err156 = {instancePath:instancePath+"/log",schemaPath:"#/properties/log/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.log.type,parentSchema:schema11.properties.log,data:data51};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
}
}
else {
const err157 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

// GENERATED from schemas/root.schema.json by src/schema/standalone.ts. Do not edit:
// run `MCP_WARDEN_UPDATE_GENERATED=1 npx jest test/unit/schema` after changing the schema.
/* eslint-disable */
// @ts-nocheck
"use strict";
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://mcp-warden.dev/schemas/root.schema.json","title":"mcp-warden trust root","description":"The payload of a signed root document (DSSE payloadType application/vnd.mcp-warden.root+json): which keys may sign the next root and which may sign allowlists. Made by `mcp-warden trust init` and `trust rotate`; see docs/allowlist.md. Unknown keys are errors.","type":"object","additionalProperties":false,"required":["type","org","version","expires","keys","roles"],"properties":{"type":{"description":"Always `mcp-warden.root`.","const":"mcp-warden.root"},"org":{"description":"Organisation; must equal the agent config's `org`.","type":"string","minLength":1,"maxLength":128},"version":{"description":"1 for the first root; each rotation adds exactly 1.","type":"integer","minimum":1,"maximum":9007199254740991},"expires":{"description":"RFC 3339. An agent whose newest root has expired accepts no new allowlist (freeze protection).","type":"string","format":"date-time","maxLength":64},"keys":{"description":"Ed25519 public keys by key id (SHA-256 hex of the SPKI DER, as `keygen` prints).","type":"object","minProperties":1,"maxProperties":64,"propertyNames":{"pattern":"^[a-f0-9]{64}$"},"additionalProperties":{"type":"object","additionalProperties":false,"required":["publicKey"],"properties":{"publicKey":{"description":"SPKI PEM.","type":"string","minLength":1,"maxLength":16384},"name":{"description":"Label for humans (who holds the private key).","type":"string","maxLength":256}}}},"roles":{"type":"object","additionalProperties":false,"required":["root","allowlist"],"properties":{"root":{"description":"Keys that sign the next root, and how many must.","$ref":"#/definitions/role"},"allowlist":{"description":"Keys that sign allowlists, and how many must.","$ref":"#/definitions/role"}}}},"definitions":{"role":{"type":"object","additionalProperties":false,"required":["keyIds","threshold"],"properties":{"keyIds":{"type":"array","minItems":1,"maxItems":64,"uniqueItems":true,"items":{"type":"string","pattern":"^[a-f0-9]{64}$"}},"threshold":{"type":"integer","minimum":1,"maximum":64}}}}};
const schema12 = {"type":"object","additionalProperties":false,"required":["keyIds","threshold"],"properties":{"keyIds":{"type":"array","minItems":1,"maxItems":64,"uniqueItems":true,"items":{"type":"string","pattern":"^[a-f0-9]{64}$"}},"threshold":{"type":"integer","minimum":1,"maximum":64}}};
const func2 = require("ajv/dist/runtime/ucs2length").default;
const formats0 = require("ajv-formats/dist/formats").fullFormats["date-time"];
const pattern0 = new RegExp("^[a-f0-9]{64}$", "u");

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://mcp-warden.dev/schemas/root.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.org === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "org"},message:"must have required property '"+"org"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.version === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.expires === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "expires"},message:"must have required property '"+"expires"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.keys === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "keys"},message:"must have required property '"+"keys"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.roles === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "roles"},message:"must have required property '"+"roles"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "type") || (key0 === "org")) || (key0 === "version")) || (key0 === "expires")) || (key0 === "keys")) || (key0 === "roles"))){
const err6 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("mcp-warden.root" !== data0){
const err7 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "mcp-warden.root"},message:"must be equal to constant",schema:"mcp-warden.root",parentSchema:schema11.properties.type,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.org !== undefined){
let data1 = data.org;
if(typeof data1 === "string"){
if(func2(data1) > 128){
const err8 = {instancePath:instancePath+"/org",schemaPath:"#/properties/org/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema11.properties.org,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(func2(data1) < 1){
const err9 = {instancePath:instancePath+"/org",schemaPath:"#/properties/org/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.org,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/org",schemaPath:"#/properties/org/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.org.type,parentSchema:schema11.properties.org,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.version !== undefined){
let data2 = data.version;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err11 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.version.type,parentSchema:schema11.properties.version,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 9007199254740991 || isNaN(data2)){
const err12 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991",schema:9007199254740991,parentSchema:schema11.properties.version,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err13 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.version,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(data.expires !== undefined){
let data3 = data.expires;
if(typeof data3 === "string"){
if(func2(data3) > 64){
const err14 = {instancePath:instancePath+"/expires",schemaPath:"#/properties/expires/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema11.properties.expires,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(!(formats0.validate(data3))){
const err15 = {instancePath:instancePath+"/expires",schemaPath:"#/properties/expires/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema11.properties.expires,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/expires",schemaPath:"#/properties/expires/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.expires.type,parentSchema:schema11.properties.expires,data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.keys !== undefined){
let data4 = data.keys;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(Object.keys(data4).length > 64){
const err17 = {instancePath:instancePath+"/keys",schemaPath:"#/properties/keys/maxProperties",keyword:"maxProperties",params:{limit: 64},message:"must NOT have more than 64 properties",schema:64,parentSchema:schema11.properties.keys,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(Object.keys(data4).length < 1){
const err18 = {instancePath:instancePath+"/keys",schemaPath:"#/properties/keys/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema11.properties.keys,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
for(const key1 in data4){
const _errs11 = errors;
if(typeof key1 === "string"){
if(!pattern0.test(key1)){
const err19 = {instancePath:instancePath+"/keys",schemaPath:"#/properties/keys/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-f0-9]{64}$"},message:"must match pattern \""+"^[a-f0-9]{64}$"+"\"",schema:"^[a-f0-9]{64}$",parentSchema:schema11.properties.keys.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
var valid1 = _errs11 === errors;
if(!valid1){
const err20 = {instancePath:instancePath+"/keys",schemaPath:"#/properties/keys/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema11.properties.keys.propertyNames,parentSchema:schema11.properties.keys,data:data4};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
for(const key2 in data4){
let data5 = data4[key2];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.publicKey === undefined){
const err21 = {instancePath:instancePath+"/keys/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/keys/additionalProperties/required",keyword:"required",params:{missingProperty: "publicKey"},message:"must have required property '"+"publicKey"+"'",schema:schema11.properties.keys.additionalProperties.required,parentSchema:schema11.properties.keys.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key3 in data5){
if(!((key3 === "publicKey") || (key3 === "name"))){
const err22 = {instancePath:instancePath+"/keys/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/keys/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.keys.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data5.publicKey !== undefined){
let data6 = data5.publicKey;
if(typeof data6 === "string"){
if(func2(data6) > 16384){
const err23 = {instancePath:instancePath+"/keys/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/publicKey",schemaPath:"#/properties/keys/additionalProperties/properties/publicKey/maxLength",keyword:"maxLength",params:{limit: 16384},message:"must NOT have more than 16384 characters",schema:16384,parentSchema:schema11.properties.keys.additionalProperties.properties.publicKey,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(func2(data6) < 1){
const err24 = {instancePath:instancePath+"/keys/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/publicKey",schemaPath:"#/properties/keys/additionalProperties/properties/publicKey/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.keys.additionalProperties.properties.publicKey,data:data6};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/keys/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/publicKey",schemaPath:"#/properties/keys/additionalProperties/properties/publicKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.keys.additionalProperties.properties.publicKey.type,parentSchema:schema11.properties.keys.additionalProperties.properties.publicKey,data:data6};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data5.name !== undefined){
let data7 = data5.name;
if(typeof data7 === "string"){
if(func2(data7) > 256){
const err26 = {instancePath:instancePath+"/keys/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/name",schemaPath:"#/properties/keys/additionalProperties/properties/name/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.keys.additionalProperties.properties.name,data:data7};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/keys/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/name",schemaPath:"#/properties/keys/additionalProperties/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.keys.additionalProperties.properties.name.type,parentSchema:schema11.properties.keys.additionalProperties.properties.name,data:data7};
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
const err28 = {instancePath:instancePath+"/keys/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/keys/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.keys.additionalProperties.type,parentSchema:schema11.properties.keys.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/keys",schemaPath:"#/properties/keys/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.keys.type,parentSchema:schema11.properties.keys,data:data4};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.roles !== undefined){
let data8 = data.roles;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.root === undefined){
const err30 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/required",keyword:"required",params:{missingProperty: "root"},message:"must have required property '"+"root"+"'",schema:schema11.properties.roles.required,parentSchema:schema11.properties.roles,data:data8};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data8.allowlist === undefined){
const err31 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/required",keyword:"required",params:{missingProperty: "allowlist"},message:"must have required property '"+"allowlist"+"'",schema:schema11.properties.roles.required,parentSchema:schema11.properties.roles,data:data8};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
for(const key4 in data8){
if(!((key4 === "root") || (key4 === "allowlist"))){
const err32 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.roles,data:data8};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data8.root !== undefined){
let data9 = data8.root;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.keyIds === undefined){
const err33 = {instancePath:instancePath+"/roles/root",schemaPath:"#/definitions/role/required",keyword:"required",params:{missingProperty: "keyIds"},message:"must have required property '"+"keyIds"+"'",schema:schema12.required,parentSchema:schema12,data:data9};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(data9.threshold === undefined){
const err34 = {instancePath:instancePath+"/roles/root",schemaPath:"#/definitions/role/required",keyword:"required",params:{missingProperty: "threshold"},message:"must have required property '"+"threshold"+"'",schema:schema12.required,parentSchema:schema12,data:data9};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
for(const key5 in data9){
if(!((key5 === "keyIds") || (key5 === "threshold"))){
const err35 = {instancePath:instancePath+"/roles/root",schemaPath:"#/definitions/role/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data:data9};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data9.keyIds !== undefined){
let data10 = data9.keyIds;
if(Array.isArray(data10)){
if(data10.length > 64){
const err36 = {instancePath:instancePath+"/roles/root/keyIds",schemaPath:"#/definitions/role/properties/keyIds/maxItems",keyword:"maxItems",params:{limit: 64},message:"must NOT have more than 64 items",schema:64,parentSchema:schema12.properties.keyIds,data:data10};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data10.length < 1){
const err37 = {instancePath:instancePath+"/roles/root/keyIds",schemaPath:"#/definitions/role/properties/keyIds/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.keyIds,data:data10};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
const len0 = data10.length;
for(let i0=0; i0<len0; i0++){
let data11 = data10[i0];
if(typeof data11 === "string"){
if(!pattern0.test(data11)){
const err38 = {instancePath:instancePath+"/roles/root/keyIds/" + i0,schemaPath:"#/definitions/role/properties/keyIds/items/pattern",keyword:"pattern",params:{pattern: "^[a-f0-9]{64}$"},message:"must match pattern \""+"^[a-f0-9]{64}$"+"\"",schema:"^[a-f0-9]{64}$",parentSchema:schema12.properties.keyIds.items,data:data11};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
else {
const err39 = {instancePath:instancePath+"/roles/root/keyIds/" + i0,schemaPath:"#/definitions/role/properties/keyIds/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.keyIds.items.type,parentSchema:schema12.properties.keyIds.items,data:data11};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
let i1 = data10.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data10[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err40 = {instancePath:instancePath+"/roles/root/keyIds",schemaPath:"#/definitions/role/properties/keyIds/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema12.properties.keyIds,data:data10};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err41 = {instancePath:instancePath+"/roles/root/keyIds",schemaPath:"#/definitions/role/properties/keyIds/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.keyIds.type,parentSchema:schema12.properties.keyIds,data:data10};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data9.threshold !== undefined){
let data12 = data9.threshold;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err42 = {instancePath:instancePath+"/roles/root/threshold",schemaPath:"#/definitions/role/properties/threshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.threshold.type,parentSchema:schema12.properties.threshold,data:data12};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 64 || isNaN(data12)){
const err43 = {instancePath:instancePath+"/roles/root/threshold",schemaPath:"#/definitions/role/properties/threshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64",schema:64,parentSchema:schema12.properties.threshold,data:data12};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if(data12 < 1 || isNaN(data12)){
const err44 = {instancePath:instancePath+"/roles/root/threshold",schemaPath:"#/definitions/role/properties/threshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema12.properties.threshold,data:data12};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
}
else {
const err45 = {instancePath:instancePath+"/roles/root",schemaPath:"#/definitions/role/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data:data9};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data8.allowlist !== undefined){
let data13 = data8.allowlist;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
if(data13.keyIds === undefined){
const err46 = {instancePath:instancePath+"/roles/allowlist",schemaPath:"#/definitions/role/required",keyword:"required",params:{missingProperty: "keyIds"},message:"must have required property '"+"keyIds"+"'",schema:schema12.required,parentSchema:schema12,data:data13};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(data13.threshold === undefined){
const err47 = {instancePath:instancePath+"/roles/allowlist",schemaPath:"#/definitions/role/required",keyword:"required",params:{missingProperty: "threshold"},message:"must have required property '"+"threshold"+"'",schema:schema12.required,parentSchema:schema12,data:data13};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
for(const key6 in data13){
if(!((key6 === "keyIds") || (key6 === "threshold"))){
const err48 = {instancePath:instancePath+"/roles/allowlist",schemaPath:"#/definitions/role/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data:data13};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data13.keyIds !== undefined){
let data14 = data13.keyIds;
if(Array.isArray(data14)){
if(data14.length > 64){
const err49 = {instancePath:instancePath+"/roles/allowlist/keyIds",schemaPath:"#/definitions/role/properties/keyIds/maxItems",keyword:"maxItems",params:{limit: 64},message:"must NOT have more than 64 items",schema:64,parentSchema:schema12.properties.keyIds,data:data14};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(data14.length < 1){
const err50 = {instancePath:instancePath+"/roles/allowlist/keyIds",schemaPath:"#/definitions/role/properties/keyIds/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.keyIds,data:data14};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
const len1 = data14.length;
for(let i2=0; i2<len1; i2++){
let data15 = data14[i2];
if(typeof data15 === "string"){
if(!pattern0.test(data15)){
const err51 = {instancePath:instancePath+"/roles/allowlist/keyIds/" + i2,schemaPath:"#/definitions/role/properties/keyIds/items/pattern",keyword:"pattern",params:{pattern: "^[a-f0-9]{64}$"},message:"must match pattern \""+"^[a-f0-9]{64}$"+"\"",schema:"^[a-f0-9]{64}$",parentSchema:schema12.properties.keyIds.items,data:data15};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
else {
const err52 = {instancePath:instancePath+"/roles/allowlist/keyIds/" + i2,schemaPath:"#/definitions/role/properties/keyIds/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.keyIds.items.type,parentSchema:schema12.properties.keyIds.items,data:data15};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
let i3 = data14.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data14[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err53 = {instancePath:instancePath+"/roles/allowlist/keyIds",schemaPath:"#/definitions/role/properties/keyIds/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema12.properties.keyIds,data:data14};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err54 = {instancePath:instancePath+"/roles/allowlist/keyIds",schemaPath:"#/definitions/role/properties/keyIds/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.keyIds.type,parentSchema:schema12.properties.keyIds,data:data14};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data13.threshold !== undefined){
let data16 = data13.threshold;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err55 = {instancePath:instancePath+"/roles/allowlist/threshold",schemaPath:"#/definitions/role/properties/threshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.threshold.type,parentSchema:schema12.properties.threshold,data:data16};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 > 64 || isNaN(data16)){
const err56 = {instancePath:instancePath+"/roles/allowlist/threshold",schemaPath:"#/definitions/role/properties/threshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64",schema:64,parentSchema:schema12.properties.threshold,data:data16};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if(data16 < 1 || isNaN(data16)){
const err57 = {instancePath:instancePath+"/roles/allowlist/threshold",schemaPath:"#/definitions/role/properties/threshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema12.properties.threshold,data:data16};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
}
}
else {
const err58 = {instancePath:instancePath+"/roles/allowlist",schemaPath:"#/definitions/role/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data:data13};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
}
else {
const err59 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.roles.type,parentSchema:schema11.properties.roles,data:data8};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
}
else {
const err60 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

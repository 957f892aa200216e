// Validators of each operation's JSON request body, by operationId.
// Generated from spec/openapi.yaml by `pnpm generate`. Do not edit by hand.

// @ts-nocheck -- Ajv's standalone output is plain JavaScript; src/internal/validate.ts types it.
export const invite_user_to_organization_api_v1_organization__organization_id__invitation_post = validate20;
const schema31 = {"$id":"invite_user_to_organization_api_v1_organization__organization_id__invitation_post","$ref":"components#/$defs/UserInvitation"};
const schema33 = {"title":"User Invitation","description":"The definition of the user you want to invite to the organization.","type":"object","properties":{"email":{"title":"Email","description":"Email of a user.","type":"string"},"family_name":{"title":"Family name","description":"Family name of a user.","type":"string"},"given_name":{"title":"Given name","description":"Given name of a user.","type":"string"},"role":{"title":"User Role","description":"Role of the user. This can be a custom role or one of the default roles.","type":"string"},"workspace_ids":{"title":"Workspace IDs","description":"A list of unique identifiers for workspaces.","type":"array","items":{"type":"string","format":"uuid"},"default":[]}},"required":["given_name","family_name","email","role"]};
const formats0 = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="invite_user_to_organization_api_v1_organization__organization_id__invitation_post" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.given_name === undefined){
const err0 = {instancePath,schemaPath:"components#/$defs/UserInvitation/required",keyword:"required",params:{missingProperty: "given_name"},message:"must have required property '"+"given_name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.family_name === undefined){
const err1 = {instancePath,schemaPath:"components#/$defs/UserInvitation/required",keyword:"required",params:{missingProperty: "family_name"},message:"must have required property '"+"family_name"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.email === undefined){
const err2 = {instancePath,schemaPath:"components#/$defs/UserInvitation/required",keyword:"required",params:{missingProperty: "email"},message:"must have required property '"+"email"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.role === undefined){
const err3 = {instancePath,schemaPath:"components#/$defs/UserInvitation/required",keyword:"required",params:{missingProperty: "role"},message:"must have required property '"+"role"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.email !== undefined){
if(typeof data.email !== "string"){
const err4 = {instancePath:instancePath+"/email",schemaPath:"components#/$defs/UserInvitation/properties/email/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.family_name !== undefined){
if(typeof data.family_name !== "string"){
const err5 = {instancePath:instancePath+"/family_name",schemaPath:"components#/$defs/UserInvitation/properties/family_name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.given_name !== undefined){
if(typeof data.given_name !== "string"){
const err6 = {instancePath:instancePath+"/given_name",schemaPath:"components#/$defs/UserInvitation/properties/given_name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.role !== undefined){
if(typeof data.role !== "string"){
const err7 = {instancePath:instancePath+"/role",schemaPath:"components#/$defs/UserInvitation/properties/role/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.workspace_ids !== undefined){
let data4 = data.workspace_ids;
if(Array.isArray(data4)){
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(typeof data5 === "string"){
if(!(formats0.test(data5))){
const err8 = {instancePath:instancePath+"/workspace_ids/" + i0,schemaPath:"components#/$defs/UserInvitation/properties/workspace_ids/items/format",keyword:"format",params:{format: "uuid"},message:"must match format \""+"uuid"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/workspace_ids/" + i0,schemaPath:"components#/$defs/UserInvitation/properties/workspace_ids/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/workspace_ids",schemaPath:"components#/$defs/UserInvitation/properties/workspace_ids/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"components#/$defs/UserInvitation/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":{"email":true,"family_name":true,"given_name":true,"role":true,"workspace_ids":true},"dynamicProps":false,"dynamicItems":false};

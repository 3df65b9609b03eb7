// Snowball french stemmer (Snowball 3.1.1, snowballstem/snowball@81dd074aaf2e16c104285df3a488b76ab69f6ce6),
// translated from frostem 1.20260821.8 by tests/js/tools/snowball-rs2js.mjs.
// Copyright (c) 2001 Dr Martin Porter, 2004-2005 Richard Boulton, 2013 Yoshiki
// Shibukawa, 2006-2025 Olly Betts. BSD-3-Clause, see LICENSE-SNOWBALL.txt.
import{Z,a}from"./snowball.js";
const A_0=a("col ni par tap",[-1,1,-1,-1]),
A_1=a(" H He Hi I U Y",[7,6,4,5,1,2,3]),
A_2=a("iqU abl Ièr ièr eus iv",[3,3,4,4,2,1]),
A_3=a("ic abil iv",[2,1,3]),
A_4=a("iqUe atrice ance ence logie able isme euse iste ive if usion ation ution ateur iqUes atrices ances ences logies ables ismes euses istes ives ifs usions ations utions ateurs ments ements issements ités ment ement issement amment emment aux eaux eux oux ité",[1,2,1,5,3,1,1,12,1,8,8,4,2,4,2,1,2,1,5,3,1,1,12,1,8,8,4,2,4,2,16,6,13,7,16,6,13,14,15,10,9,1,11,7]),
A_5=a("ira ie isse issante i irai ir iras ies îmes isses issantes îtes is irais issais irions issions irons issons issants it irait issait issant iraIent issaIent irent issent iront ît iriez issiez irez issez",1),
A_6=a("al épl auv",[1,-1,-1]),
A_7=a("a era aise asse ante ée ai erai er as eras âmes aises asses antes âtes ées ais eais erais ions erions assions erons ants és ait erait ant aIent eraIent èrent assent eront ât ez iez eriez assiez erez é",[3,2,4,3,3,2,3,2,2,3,2,3,4,3,3,3,2,4,2,2,1,2,3,2,3,2,3,2,3,3,2,2,3,2,3,2,2,2,3,2,2]),
A_8=a("e Ière ière ion Ier ier",[3,2,2,1,2,2]),
A_9=a("ell eill enn onn ett",-1),
G_v="aeiouyàâèéêëîïôùû",
G_oux_ending="bhjlnp",
G_elision_char="cdjlmnstz",
G_keep_with_s="aiosuè";
let z;
export function stem(w){
z=new Z(w);
let a;
let p2;
let p1;
let pV;
let v1=z.c;
L0:{
z.bra=z.c;
L1:{
L2:{
if(!z.ig(G_elision_char))break L2;
break L1;
}
if(!z.eq("qu"))break L0;
}
if(!z.eq("'"))break L0;
z.ket=z.c;
if(z.c>=z.l)break L0;
z.sd();
}
z.c=v1;
let v2=z.c;
R4:for(;;){
let v3=z.c;
L5:{
G6:for(;;){
let v4=z.c;
L7:{
L8:{
let v5=z.c;
L9:{
if(!z.ig(G_v))break L9;
z.bra=z.c;
L10:{
let v6=z.c;
L11:{
if(!z.eq("u"))break L11;
z.ket=z.c;
if(!z.ig(G_v))break L11;
z.sf("U");
break L10;
}
z.c=v6;
L12:{
if(!z.eq("i"))break L12;
z.ket=z.c;
if(!z.ig(G_v))break L12;
z.sf("I");
break L10;
}
z.c=v6;
if(!z.eq("y"))break L9;
z.ket=z.c;
z.sf("Y");
}
break L8;
}
z.c=v5;
L13:{
z.bra=z.c;
if(!z.eq("ë"))break L13;
z.ket=z.c;
z.sf("He");
break L8;
}
z.c=v5;
L14:{
z.bra=z.c;
if(!z.eq("ï"))break L14;
z.ket=z.c;
z.sf("Hi");
break L8;
}
z.c=v5;
L15:{
z.bra=z.c;
if(!z.eq("y"))break L15;
z.ket=z.c;
if(!z.ig(G_v))break L15;
z.sf("Y");
break L8;
}
z.c=v5;
if(!z.eq("q"))break L7;
z.bra=z.c;
if(!z.eq("u"))break L7;
z.ket=z.c;
z.sf("U");
}
z.c=v4;
break G6;
}
z.c=v4;
if(z.c>=z.l)break L5;
z.nc();
}
continue R4;
}
z.c=v3;
break R4;
}
z.c=v2;
pV=z.l;
p1=z.l;
p2=z.l;
let v7=z.c;
L17:{
L18:{
let v8=z.c;
L19:{
if(!z.ig(G_v))break L19;
if(!z.ig(G_v))break L19;
if(z.c>=z.l)break L19;
z.nc();
break L18;
}
z.c=v8;
L20:{
a=z.fa(A_0);
if(!a)break L20;
switch(a){
case 1:if(!z.ig(G_v))break L20;break;
}
break L18;
}
z.c=v8;
if(z.c>=z.l)break L17;
z.nc();
if(!z.go(G_v))break L17;
z.nc();
}
pV=z.c;
}
z.c=v7;
let v9=z.c;
L21:{
if(!z.go(G_v))break L21;
z.nc();
if(!z.gi(G_v))break L21;
z.nc();
p1=z.c;
if(!z.go(G_v))break L21;
z.nc();
if(!z.gi(G_v))break L21;
z.nc();
p2=z.c;
}
z.c=v9;
z.lb=z.c;
z.c=z.l;
let v10=z.l-z.c;
L22:{
L23:{
let v11=z.l-z.c;
L24:{
let v12=z.l-z.c;
L25:{
let v13=z.l-z.c;
L26:{
z.ket=z.c;
a=z.fab(A_4);
if(!a)break L26;
z.bra=z.c;
switch(a){
case 1:
if(p2>z.c)break L26;
z.sd();
break;
case 2:{
if(p2>z.c)break L26;
z.sd();
let v14=z.l-z.c;
L27:{
z.ket=z.c;
if(!z.eqb("ic")){
z.c=z.l-v14;
break L27;
}
z.bra=z.c;
L28:{
let v15=z.l-z.c;
L29:{
if(p2>z.c)break L29;
z.sd();
break L28;
}
z.c=z.l-v15;
z.sf("iqU");
}
}
}break;
case 3:
if(p2>z.c)break L26;
z.sf("log");
break;
case 4:
if(p2>z.c)break L26;
z.sf("u");
break;
case 5:
if(p2>z.c)break L26;
z.sf("ent");
break;
case 6:{
if(pV>z.c)break L26;
z.sd();
let v16=z.l-z.c;
L30:{
z.ket=z.c;
a=z.fab(A_2);
if(!a){
z.c=z.l-v16;
break L30;
}
z.bra=z.c;
switch(a){
case 1:
if(p2>z.c){
z.c=z.l-v16;
break L30;
}
z.sd();
z.ket=z.c;
if(!z.eqb("at")){
z.c=z.l-v16;
break L30;
}
z.bra=z.c;
if(p2>z.c){
z.c=z.l-v16;
break L30;
}
z.sd();
break;
case 2:{
L31:{
let v17=z.l-z.c;
L32:{
if(p2>z.c)break L32;
z.sd();
break L31;
}
z.c=z.l-v17;
if(p1>z.c){
z.c=z.l-v16;
break L30;
}
z.sf("eux");
}
}break;
case 3:
if(p2>z.c){
z.c=z.l-v16;
break L30;
}
z.sd();
break;
case 4:
if(pV>z.c){
z.c=z.l-v16;
break L30;
}
z.sf("i");
break;
}
}
}break;
case 7:{
if(p2>z.c)break L26;
z.sd();
let v18=z.l-z.c;
L33:{
z.ket=z.c;
a=z.fab(A_3);
if(!a){
z.c=z.l-v18;
break L33;
}
z.bra=z.c;
switch(a){
case 1:{
L34:{
let v19=z.l-z.c;
L35:{
if(p2>z.c)break L35;
z.sd();
break L34;
}
z.c=z.l-v19;
z.sf("abl");
}
}break;
case 2:{
L36:{
let v20=z.l-z.c;
L37:{
if(p2>z.c)break L37;
z.sd();
break L36;
}
z.c=z.l-v20;
z.sf("iqU");
}
}break;
case 3:
if(p2>z.c){
z.c=z.l-v18;
break L33;
}
z.sd();
break;
}
}
}break;
case 8:{
if(p2>z.c)break L26;
z.sd();
let v21=z.l-z.c;
L38:{
z.ket=z.c;
if(!z.eqb("at")){
z.c=z.l-v21;
break L38;
}
z.bra=z.c;
if(p2>z.c){
z.c=z.l-v21;
break L38;
}
z.sd();
z.ket=z.c;
if(!z.eqb("ic")){
z.c=z.l-v21;
break L38;
}
z.bra=z.c;
L39:{
let v22=z.l-z.c;
L40:{
if(p2>z.c)break L40;
z.sd();
break L39;
}
z.c=z.l-v22;
z.sf("iqU");
}
}
}break;
case 9:z.sf("eau");break;
case 10:
if(p1>z.c)break L26;
z.sf("al");
break;
case 11:
if(!z.igb(G_oux_ending))break L26;
z.sf("ou");
break;
case 12:{
L41:{
let v23=z.l-z.c;
L42:{
if(p2>z.c)break L42;
z.sd();
break L41;
}
z.c=z.l-v23;
if(p1>z.c)break L26;
z.sf("eux");
}
}break;
case 13:
if(p1>z.c)break L26;
if(!z.ogb(G_v))break L26;
z.sd();
break;
case 14:
if(pV>z.c)break L26;
z.sf("ant");
break L26;
case 15:
if(pV>z.c)break L26;
z.sf("ent");
break L26;
case 16:{
let v24=z.l-z.c;
if(!z.igb(G_v))break L26;
if(pV>z.c)break L26;
z.c=z.l-v24;
z.sd();
break L26;
}
}
break L25;
}
z.c=z.l-v13;
L43:{
if(z.c<pV)break L43;
let v25=z.lb;
z.lb=pV;
z.ket=z.c;
if(!z.fab(A_5)){
z.lb=v25;
break L43;
}
z.bra=z.c;
L44:{
if(!z.eqb("H"))break L44;
z.lb=v25;
break L43;
}
if(!z.ogb(G_v)){
z.lb=v25;
break L43;
}
z.sd();
z.lb=v25;
break L25;
}
z.c=z.l-v13;
if(z.c<pV)break L24;
let v26=z.lb;
z.lb=pV;
z.ket=z.c;
a=z.fab(A_7);
if(!a){
z.lb=v26;
break L24;
}
z.bra=z.c;
z.lb=v26;
switch(a){
case 1:
if(p2>z.c)break L24;
z.sd();
break;
case 2:z.sd();break;
case 3:{
let v27=z.l-z.c;
L45:{
if(!z.eqb("e")){
z.c=z.l-v27;
break L45;
}
if(pV>z.c){
z.c=z.l-v27;
break L45;
}
z.bra=z.c;
}
z.sd();
}break;
case 4:{
let v28=z.l-z.c;
L46:{
a=z.fab(A_6);
if(!a)break L46;
switch(a){
case 1:
if(z.c<=z.lb)break L46;
z.pc();
if(z.c>z.lb)break L46;
break;
}
break L24;
}
z.c=z.l-v28;
z.sd();
}break;
}
}
z.c=z.l-v12;
let v29=z.l-z.c;
L47:{
z.ket=z.c;
L48:{
let v30=z.l-z.c;
L49:{
if(!z.eqb("Y"))break L49;
z.bra=z.c;
z.sf("i");
break L48;
}
z.c=z.l-v30;
if(!z.eqb("ç")){
z.c=z.l-v29;
break L47;
}
z.bra=z.c;
z.sf("c");
}
}
break L23;
}
z.c=z.l-v11;
let v31=z.l-z.c;
L50:{
z.ket=z.c;
if(!z.eqb("s")){
z.c=z.l-v31;
break L50;
}
z.bra=z.c;
let v32=z.l-z.c;
L51:{
L52:{
if(!z.eqb("Hi"))break L52;
break L51;
}
if(!z.ogb(G_keep_with_s)){
z.c=z.l-v31;
break L50;
}
}
z.c=z.l-v32;
z.sd();
}
if(z.c<pV)break L22;
let v33=z.lb;
z.lb=pV;
z.ket=z.c;
a=z.fab(A_8);
if(!a){
z.lb=v33;
break L22;
}
z.bra=z.c;
switch(a){
case 1:
if(p2>z.c){
z.lb=v33;
break L22;
}
L53:{
L54:{
if(!z.eqb("s"))break L54;
break L53;
}
if(!z.eqb("t")){
z.lb=v33;
break L22;
}
}
z.sd();
break;
case 2:z.sf("i");break;
case 3:z.sd();break;
}
z.lb=v33;
}
}
z.c=z.l-v10;
let v34=z.l-z.c;
L55:{
let v35=z.l-z.c;
if(!z.fab(A_9))break L55;
z.c=z.l-v35;
z.ket=z.c;
if(z.c<=z.lb)break L55;
z.pc();
z.bra=z.c;
z.sd();
}
z.c=z.l-v34;
let v36=z.l-z.c;
L56:{
let v37=1;
R57:for(;;){
L58:{
if(!z.ogb(G_v))break L58;
v37-=1;
continue R57;
}
break R57;
}
if(v37>0)break L56;
z.ket=z.c;
L59:{
L60:{
if(!z.eqb("é"))break L60;
break L59;
}
if(!z.eqb("è"))break L56;
}
z.bra=z.c;
z.sf("e");
}
z.c=z.l-v36;
z.c=z.lb;
let v38=z.c;
R62:for(;;){
let v39=z.c;
L63:{
z.bra=z.c;
a=z.fa(A_1);;
z.ket=z.c;
switch(a){
case 1:z.sf("i");break;
case 2:z.sf("u");break;
case 3:z.sf("y");break;
case 4:z.sf("ë");break;
case 5:z.sf("ï");break;
case 6:z.sd();break;
case 7:
if(z.c>=z.l)break L63;
z.nc();
break;
}
continue R62;
}
z.c=v39;
break R62;
}
z.c=v38;
return z.s}

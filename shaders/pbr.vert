#version 450 core
// PBR mesh pass (glTF metallic-roughness): world-space position and normal,
// and what the material's variant reads (see pbr.frag's defines): the
// tangent frame for normal maps, both UV sets for textures, vertex colour,
// and the shadow map coordinates of the position.
#if defined(HAS_BASE_TEX) || defined(HAS_MR_TEX) || defined(HAS_NORMAL_TEX) || defined(HAS_OCCLUSION_TEX) || defined(HAS_EMISSIVE_TEX)
#define HAS_TEX 1
#endif
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec2 a_uv0;
layout(location = 3) in vec4 a_tangent;
layout(location = 4) in vec4 a_color;
layout(location = 5) in vec2 a_uv1;

layout(location = 0) uniform mat4 u_clip_from_world;
layout(location = 1) uniform mat4 u_world_from_model;
layout(location = 2) uniform mat3 u_normal_matrix;
layout(location = 3) uniform mat4 u_light_clip_from_world;

out vec3 v_world_pos;
out vec3 v_normal;
#ifdef HAS_NORMAL_TEX
out vec4 v_tangent;
#endif
#ifdef HAS_TEX
out vec2 v_uv0;
out vec2 v_uv1;
#endif
#ifdef VERTEX_COLOR
out vec4 v_color;
#endif
#ifdef SHADOW
out vec3 v_shadow_coord;
#endif

void main()
{
    vec4 world = u_world_from_model * vec4(a_position, 1.0);
    v_world_pos = world.xyz;
    v_normal = u_normal_matrix * a_normal;
#ifdef HAS_NORMAL_TEX
    v_tangent = vec4(mat3(u_world_from_model) * a_tangent.xyz, a_tangent.w);
#endif
#ifdef HAS_TEX
    v_uv0 = a_uv0;
    v_uv1 = a_uv1;
#endif
#ifdef VERTEX_COLOR
    v_color = a_color;
#endif
#ifdef SHADOW
    // Orthographic (w = 1), so this is linear and interpolates exactly.
    v_shadow_coord = (u_light_clip_from_world * world).xyz * 0.5 + 0.5;
#endif
    gl_Position = u_clip_from_world * world;
}
